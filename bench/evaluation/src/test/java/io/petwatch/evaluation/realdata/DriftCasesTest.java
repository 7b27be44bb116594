package io.petwatch.evaluation.realdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.evaluation.realdata.DriftCases.DriftCase;
import io.petwatch.evaluation.realdata.DriftCases.Shape;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The drift cases are the wearer's own weeks, repeated to a month, and scaled only where and as much as stated. */
class DriftCasesTest {
    private static List<Recording> recordings;
    private static List<DriftCase> cases;

    @BeforeAll
    static void makeTheDriftCases() {
        recordings = Recording.folder(Path.of("realdata"));
        cases = DriftCases.cases(recordings);
    }

    @Test
    void everyRecordingOfAWeekOrMoreGetsThreeMonthLongShapes() {
        assertEquals(27, cases.size());
        for (DriftCase c : cases) {
            assertTrue(c.recording().days() > DriftCases.CASE_DAYS - 1 && c.recording().days() <= DriftCases.CASE_DAYS,
                    c.recording().id() + " " + c.recording().days());
        }
    }

    @Test
    void theSteadyCaseRepeatsTheRecordingsWholeWeeksMinuteForMinute() {
        for (Recording r : recordings) {
            DriftCase steady = of(r, Shape.STEADY);
            long weekMs = 7 * Recording.DAY_MS;
            long tileMs = (long) Math.floor(r.days() / 7) * weekMs;
            Recording m = steady.recording();
            for (int i = 0; i < m.size(); i += 997) {
                long offset = Math.floorMod(m.minutesMs()[i] - r.startMs(), tileMs);
                int source = java.util.Arrays.binarySearch(r.minutesMs(), r.startMs() + offset);
                assertTrue(source >= 0, "minute " + i + " of " + m.id() + " is one of the recording's");
                assertEquals(r.activity()[source], m.activity()[i], m.id() + " minute " + i);
            }
        }
    }

    @Test
    void theDeclineFallsLinearlyToHalfOverThirtyDaysAndTheShallowOneToFourFifths() {
        for (Recording r : recordings) {
            Recording steady = of(r, Shape.STEADY).recording();
            DriftCase decline = of(r, Shape.DECLINE);
            Recording shallow = of(r, Shape.SHALLOW).recording();
            assertArrayEquals(steady.minutesMs(), decline.recording().minutesMs());
            long mid = decline.declineFromMs() + DriftCases.DECLINE_DAYS * Recording.DAY_MS / 2;
            assertEquals(1.0, ratio(steady, decline.recording(), r.startMs(), decline.declineFromMs()), 1e-9);
            assertEquals(0.75, ratio(steady, decline.recording(), mid - Recording.DAY_MS, mid + Recording.DAY_MS), 0.02);
            assertEquals(0.5, ratio(steady, decline.recording(), decline.declineEndMs(), Long.MAX_VALUE), 0.01);
            assertEquals(0.8, ratio(steady, shallow, decline.declineEndMs(), Long.MAX_VALUE), 0.01);
        }
    }

    private static double ratio(Recording base, Recording scaled, long fromMs, long toMs) {
        long a = 0;
        long b = 0;
        for (int i = 0; i < base.size(); i++) {
            if (base.minutesMs()[i] >= fromMs && base.minutesMs()[i] < toMs) {
                a += base.activity()[i];
                b += scaled.activity()[i];
            }
        }
        return (double) b / a;
    }

    private static DriftCase of(Recording r, Shape shape) {
        return cases.stream().filter(c -> c.source().equals(r.id()) && c.shape() == shape).findFirst().orElseThrow();
    }
}
