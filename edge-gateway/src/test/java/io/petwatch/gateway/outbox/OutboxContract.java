package io.petwatch.gateway.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link Outbox} must do; each implementation's test extends this. */
abstract class OutboxContract {
    abstract Outbox outbox(int capacity);

    Outbox outbox() {
        return outbox(Integer.MAX_VALUE);
    }

    static Alert alert(String id) {
        return alert(id, AlertKind.LOW_ACTIVITY, AlertState.FIRING);
    }

    static Alert alert(String id, AlertKind kind, AlertState state) {
        return Alert.newBuilder().setAlertId(id).setCollarId("c-1").setKind(kind).setState(state).build();
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
    void healthAlertsDrainBeforeDeviceAlertsAndResolvedNeverOvertakesFiring() {
        Outbox outbox = outbox();
        outbox.add(alert("battery", AlertKind.BATTERY_LOW, AlertState.FIRING));
        outbox.add(alert("lethargy", AlertKind.LOW_ACTIVITY, AlertState.FIRING));
        outbox.add(alert("off", AlertKind.COLLAR_OFF, AlertState.FIRING));
        outbox.add(alert("lethargy-resolved", AlertKind.LOW_ACTIVITY, AlertState.RESOLVED));
        outbox.add(alert("restless", AlertKind.RESTLESS_NIGHTS, AlertState.FIRING));

        assertEquals(List.of("lethargy", "lethargy-resolved", "restless", "battery", "off"), ids(outbox.peek(10)));
    }

    @Test
    void whenFullTheLeastImportantGoesFirstAndAFiringHealthAlertLast() {
        Outbox outbox = outbox(3);
        outbox.add(alert("lethargy", AlertKind.LOW_ACTIVITY, AlertState.FIRING));
        outbox.add(alert("off-resolved", AlertKind.COLLAR_OFF, AlertState.RESOLVED));
        outbox.add(alert("battery", AlertKind.BATTERY_LOW, AlertState.FIRING));

        outbox.add(alert("restless", AlertKind.RESTLESS_NIGHTS, AlertState.FIRING)); // drops off-resolved
        outbox.add(alert("silent-resolved", AlertKind.COLLAR_SILENT, AlertState.RESOLVED)); // least important: dropped
        outbox.add(alert("lethargy-2", AlertKind.LOW_ACTIVITY, AlertState.FIRING)); // drops battery

        assertEquals(List.of("lethargy", "restless", "lethargy-2"), ids(outbox.peek(10)));
        assertEquals(3, outbox.dropped());
    }

    @Test
    void aFullOutboxOfFiringHealthAlertsDropsTheOldest() {
        Outbox outbox = outbox(2);
        outbox.add(alert("a"));
        outbox.add(alert("b"));
        outbox.add(alert("c"));

        assertEquals(List.of("b", "c"), ids(outbox.peek(10)));
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

    @Test
    void aDeadLetterLeavesTheDrainOrderWithItsReason() {
        Outbox outbox = outbox();
        outbox.add(alert("a"));
        outbox.add(alert("poison"));
        outbox.add(alert("b"));

        outbox.deadLetter("poison", "HTTP 400: alerts[0].collar_firmware contains U+0000");
        outbox.deadLetter("unknown", "ignored");

        assertEquals(List.of("a", "b"), ids(outbox.peek(10)));
        assertEquals(2, outbox.size());
        assertEquals(1, outbox.deadLetters());
        assertEquals(java.util.Optional.of("poison: HTTP 400: alerts[0].collar_firmware contains U+0000"),
                outbox.lastDeadLetter());
    }
}
