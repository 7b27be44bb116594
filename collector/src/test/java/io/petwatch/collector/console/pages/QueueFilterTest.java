package io.petwatch.collector.console.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueueFilterTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private static QueueItem item(String kind, String severity, String status, String assignedTo) {
        return new QueueItem(Optional.of(1L), Optional.empty(), kind, Optional.ofNullable(severity), status, "Rex",
                "Ann Lee", "Europe/London", Optional.empty(), Optional.empty(), NOW, NOW.plus(Duration.ofHours(1)),
                Optional.ofNullable(assignedTo), "an agent");
    }

    private static final QueueItem HIGH_LETHARGY_OF_SAM = item("LOW_ACTIVITY", "HIGH", "ESCALATED", "sam");
    private static final QueueItem MEDIUM_RESTLESS = item("RESTLESS_NIGHTS", "MEDIUM", "AWAITING_OWNER", null);
    private static final QueueItem HELD_BY_A_STORM = item("LOW_ACTIVITY", "MEDIUM", "HELD", null);
    private static final List<QueueItem> QUEUE = List.of(HIGH_LETHARGY_OF_SAM, MEDIUM_RESTLESS, HELD_BY_A_STORM);

    private static List<QueueItem> shown(QueueFilter filter, String user) {
        return QUEUE.stream().filter(i -> filter.admits(i, user)).toList();
    }

    @Test
    void noFilterShowsEverything() {
        assertEquals(QUEUE, shown(QueueFilter.of(null, null, null, null), "sam"));
    }

    @Test
    void eachFilterNarrowsTheQueue() {
        assertEquals(List.of(MEDIUM_RESTLESS), shown(QueueFilter.of("RESTLESS_NIGHTS", "", null, null), "sam"));
        assertEquals(List.of(HIGH_LETHARGY_OF_SAM), shown(QueueFilter.of(null, "HIGH", null, null), "sam"));
        assertEquals(List.of(HELD_BY_A_STORM), shown(QueueFilter.of(null, null, "on", null), "sam"));
        assertEquals(List.of(HIGH_LETHARGY_OF_SAM), shown(QueueFilter.of(null, null, null, "on"), "sam"));
        assertEquals(List.of(), shown(QueueFilter.of(null, null, null, "on"), "lee"), "mine is the signed-in user's");
        assertEquals(List.of(HELD_BY_A_STORM), shown(QueueFilter.of("LOW_ACTIVITY", "MEDIUM", null, null), "sam"));
    }

    @Test
    void aLongQueueShowsTheMostUrgentOfWhatTheFilterAdmits() {
        List<QueueItem> many = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            QueueItem base = item(i % 2 == 0 ? "LOW_ACTIVITY" : "RESTLESS_NIGHTS", "MEDIUM", "ESCALATED", null);
            many.add(new QueueItem(Optional.of((long) i), Optional.empty(), base.kind(), base.severity(),
                    base.status(), "Rex", "Ann Lee", "Europe/London", Optional.empty(), Optional.empty(), NOW,
                    NOW.plus(Duration.ofMinutes(100 - i)), Optional.empty(), "an agent"));
        }

        List<QueueItem> shown = ConsoleQueue.mostUrgent(many, QueueFilter.of("LOW_ACTIVITY", null, null, null),
                "sam", 3);

        assertEquals(List.of(8L, 6L, 4L), shown.stream().map(i -> i.caseId().orElseThrow()).toList(),
                "the three soonest due among the lethargy cases, soonest first");
    }

    @Test
    void anUnknownValueIsIgnoredSoAnOldBookmarkStillOpensTheQueue() {
        assertEquals(QUEUE, shown(QueueFilter.of("low activity; drop", "URGENT", "maybe", "1"), "sam"));
    }

    @Test
    void theQueueSaysHowLongIsLeftOrHowLate() {
        QueueItem item = MEDIUM_RESTLESS;
        assertEquals("in 1 h 0 min", item.timeLeft(NOW));
        assertEquals("in 15 min", item.timeLeft(NOW.plus(Duration.ofMinutes(45))));
        assertEquals("2 h 5 min late", item.timeLeft(NOW.plus(Duration.ofMinutes(185))));
        assertTrue(item.late(NOW.plus(Duration.ofMinutes(61))));
        assertFalse(item.late(NOW));
    }
}
