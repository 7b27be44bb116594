package io.petwatch.collector.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InboundKeywordTest {
    @ParameterizedTest
    @CsvSource({"STOP,STOP", "stop,STOP", "' Unsubscribe ',STOP", "end,STOP", "QUIT,STOP", "cancel,STOP",
            "Stop!,STOP", "START,START", "unstop,START", "HELP,HELP", "help.,HELP",
            "'OK, she is fine',REPLY", "'please stop texting me about the weather',REPLY", "'',REPLY"})
    void readsTheWholeMessageAsOneKeywordOrAReply(String body, InboundKeyword expected) {
        assertEquals(expected, InboundKeyword.of(body));
    }
}
