package io.petwatch.sim.input;

/** A file a person wrote is wrong; the message says where and how, and is all the user needs to see. */
public final class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }
}
