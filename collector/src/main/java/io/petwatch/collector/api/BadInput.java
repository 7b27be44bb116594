package io.petwatch.collector.api;

/**
 * A request the client must fix: answered 400 with its message by {@link ClientErrors}, logged in one line without a
 * stack trace. The message names the field, e.g. {@code alerts[3].collar_firmware: contains a control character
 * (U+0000)}, and never echoes a control character.
 */
public class BadInput extends RuntimeException {
    public BadInput(String field, String problem) {
        this(field + ": " + problem);
    }

    public BadInput(String message) {
        super(message, null, false, false);
    }
}
