package io.petwatch.sim.scenariofile;

import io.petwatch.sim.input.InputException;
import java.util.ArrayList;
import java.util.List;

/** Everything wrong with a file, collected so that one run tells the author all of it, in file order. */
final class Problems {
    private final List<String> messages = new ArrayList<>();

    void add(Field at, String message) {
        messages.add(at.where() + ": " + message);
    }

    int count() {
        return messages.size();
    }

    boolean any() {
        return !messages.isEmpty();
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    /** Throws them all as one error, if there are any. */
    void throwIfAny() {
        if (!messages.isEmpty()) {
            throw new InputException(String.join(System.lineSeparator(), messages));
        }
    }
}
