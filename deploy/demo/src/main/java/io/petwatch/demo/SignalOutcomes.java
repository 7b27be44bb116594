package io.petwatch.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the collector made of each kind of signal the demo plays: the case it opened and the first message that left
 * for it, one line each ({@code signal KIND: case #ID, CHANNEL "text"}), or why there is none.
 */
final class SignalOutcomes {
    /** A kind of signal and how its case is recognised among the collector's cases. */
    record Kind(String name, Predicate<Map<String, Object>> isItsCase) {
    }

    static final List<Kind> KINDS = List.of(
            new Kind("payment", c -> "PAYMENT".equals(c.get("signal"))),
            new Kind("delivery", c -> "DELIVERY".equals(c.get("signal"))),
            new Kind("survey", c -> "SURVEY".equals(c.get("signal"))),
            new Kind("drift", c -> "ACTIVITY_DRIFT".equals(c.get("kind"))));

    /** One line per kind; a kind line starts {@code signal KIND: case} only when its case's message was sent. */
    record Lines(List<String> lines, boolean allSent) {
    }

    private SignalOutcomes() {
    }

    /** Waits up to {@code timeout} for every kind's case to have a message sent, then describes each. */
    static Lines await(CollectorApi api, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<Map<String, Object>> cases = api.cases();
            List<Map<String, Object>> messages = api.messages();
            List<String> lines = new ArrayList<>();
            boolean all = true;
            for (Kind kind : KINDS) {
                Optional<String> line = line(kind, cases, messages);
                all &= line.isPresent();
                lines.add(line.orElseGet(() -> "signal " + kind.name() + ": " + missing(kind, cases)));
            }
            if (all || Instant.now().isAfter(deadline)) {
                return new Lines(lines, all);
            }
            pause();
        }
    }

    static Optional<String> line(Kind kind, List<Map<String, Object>> cases, List<Map<String, Object>> messages) {
        for (Map<String, Object> c : cases.stream().filter(kind.isItsCase()).toList()) {
            Optional<Map<String, Object>> sent = messages.stream()
                    .filter(m -> Objects.equals(String.valueOf(c.get("id")), String.valueOf(m.get("caseId"))))
                    .filter(m -> "SENT".equals(m.get("status")))
                    .min(Comparator.comparing(m -> String.valueOf(m.get("sentAt"))));
            if (sent.isPresent()) {
                String text = String.valueOf(sent.get().get("body")).strip().replaceAll("\\s*\n\\s*", " ");
                return Optional.of(String.format("signal %s: case #%s, %s \"%s\"", kind.name(), c.get("id"),
                        sent.get().get("channel"), text));
            }
        }
        return Optional.empty();
    }

    private static String missing(Kind kind, List<Map<String, Object>> cases) {
        return cases.stream().filter(kind.isItsCase()).findFirst()
                .map(c -> "case #" + c.get("id") + " (" + c.get("status") + "), but no message sent for it: "
                        + c.get("decision"))
                .orElse("no case opened");
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the signals' cases", e);
        }
    }
}
