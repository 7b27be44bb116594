package io.petwatch.gateway.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.petwatch.proto.v1.Alert;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link Outbox} must do; each implementation's test extends this. */
abstract class OutboxContract {
    abstract Outbox outbox();

    static Alert alert(String id) {
        return Alert.newBuilder().setAlertId(id).setCollarId("c-1").build();
    }

    private static List<String> ids(List<Alert> alerts) {
        return alerts.stream().map(Alert::getAlertId).toList();
    }

    @Test
    void keepsAlertsInTheOrderTheyWereAdded() {
        Outbox outbox = outbox();
        outbox.add(alert("b"));
        outbox.add(alert("a"));
        outbox.add(alert("c"));

        assertEquals(List.of("b", "a", "c"), ids(outbox.peek(10)));
        assertEquals(List.of("b", "a"), ids(outbox.peek(2)));
    }

    @Test
    void addingTheSameAlertTwiceKeepsOne() {
        Outbox outbox = outbox();
        outbox.add(alert("a"));
        outbox.add(alert("a"));

        assertEquals(1, outbox.size());
    }

    @Test
    void removesOnlyWhatWasSettled() {
        Outbox outbox = outbox();
        outbox.add(alert("a"));
        outbox.add(alert("b"));

        outbox.remove(List.of("a", "unknown"));

        assertEquals(List.of("b"), ids(outbox.peek(10)));
        assertEquals(1, outbox.size());
    }

    @Test
    void peekDoesNotRemove() {
        Outbox outbox = outbox();
        outbox.add(alert("a"));
        outbox.peek(10);

        assertEquals(1, outbox.size());
    }
}
