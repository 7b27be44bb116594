package io.petwatch.collector.conversation;

import java.util.Locale;
import java.util.Set;

/**
 * What an owner's reply asks for. The opt-out and opt-in words are the ones carriers and SMS providers honour
 * (CTIA and Twilio's defaults), matched on the whole trimmed message, case-insensitively.
 */
public enum InboundKeyword {
    /** Opt out of texts at once, and confirm it. */
    STOP,
    /** Opt back in. */
    START,
    /** Answer with help text; with a case open, a person takes it too. */
    HELP,
    /** Opt back in for an owner who had opted out; for one who had not, the answer to "Reply YES if Max is OK". */
    YES,
    /** Anything else: a reply to the conversation. */
    REPLY;

    private static final Set<String> STOP_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
            "OPTOUT", "OPT-OUT", "REVOKE");
    private static final Set<String> START_WORDS = Set.of("START", "UNSTOP", "SUBSCRIBE");
    private static final Set<String> HELP_WORDS = Set.of("HELP", "INFO");

    public static InboundKeyword of(String body) {
        String word = body == null ? "" : body.trim().replaceAll("[.!]+$", "").toUpperCase(Locale.ROOT);
        if (STOP_WORDS.contains(word)) {
            return STOP;
        }
        if (START_WORDS.contains(word)) {
            return START;
        }
        if (HELP_WORDS.contains(word)) {
            return HELP;
        }
        if (word.equals("YES")) {
            return YES;
        }
        return REPLY;
    }
}
