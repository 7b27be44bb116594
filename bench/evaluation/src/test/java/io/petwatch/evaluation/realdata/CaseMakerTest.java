package io.petwatch.evaluation.realdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.evaluation.realdata.RealCase.Kind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The case maker injects what the table states, where it states, the same way for a seed. */
class CaseMakerTest {
    private static final long HOUR_MS = 3_600_000L;
    private static List<Recording> recordings;
    private static List<RealCase> cases;

    @BeforeAll
    static void makeTheDevelopmentSet() {
        recordings = Recording.folder(Path.of("realdata"));
        cases = CaseMaker.cases(recordings, CaseMaker.DEFAULT_SEED);
    }

    @Test
    void everyRecordingIsKeptUnmodifiedAndGetsOneCaseOfEachEpisode() {
        assertEquals(9, recordings.size());
        assertEquals(36, cases.size());
        for (Recording r : recordings) {
            RealCase unmodified = only(r, Kind.UNMODIFIED);
            assertArrayEquals(r.activity(), unmodified.recording().activity());
            assertArrayEquals(r.minutesMs(), unmodified.recording().minutesMs());
        }
    }

    @Test
    void episodesStartFromDayFiveToThreeDaysBeforeTheEnd() {
        for (RealCase c : cases) {
            if (c.kind() == Kind.UNMODIFIED) {
                continue;
            }
            int lastDay = (int) Math.floor(c.recording().days()) - 3;
            assertTrue(c.startDay() >= 5 && c.startDay() <= lastDay, c.collarId() + " day " + c.startDay());
            long offset = c.whole().startMs() - c.recording().startMs();
            assertTrue(offset >= c.startDay() * Recording.DAY_MS, c.collarId() + " starts before its day");
        }
    }

    @Test
    void lethargyIsAQuarterOfTheActivityFor60Hours() {
        for (Recording r : recordings) {
            RealCase c = only(r, Kind.LETHARGY);
            assertEquals(60 * HOUR_MS, c.whole().endMs() - c.whole().startMs());
            long before = 0;
            long after = 0;
            for (int i = 0; i < r.size(); i++) {
                boolean inside = c.whole().contains(r.minutesMs()[i]);
                before += inside ? r.activity()[i] : 0;
                after += inside ? c.recording().activity()[i] : 0;
                if (!inside) {
                    assertEquals(r.activity()[i], c.recording().activity()[i], "outside the episode nothing changes");
                }
            }
            assertEquals(0.25, (double) after / before, 0.01, c.collarId());
        }
    }

    @Test
    void nonWearIs30HoursOfExactZeros() {
        for (Recording r : recordings) {
            RealCase c = only(r, Kind.NONWEAR);
            assertEquals(30 * HOUR_MS, c.whole().endMs() - c.whole().startMs());
            for (int i = 0; i < r.size(); i++) {
                int expected = c.whole().contains(r.minutesMs()[i]) ? 0 : r.activity()[i];
                assertEquals(expected, c.recording().activity()[i]);
            }
        }
    }

    @Test
    void restlessnessIsMovementInAboutThirtyPercentOfThreeRestPeriods() {
        for (Recording r : recordings) {
            RealCase c = only(r, Kind.RESTLESS);
            assertEquals(3, c.episodes().size());
            int minutes = 0;
            int moved = 0;
            for (int i = 0; i < r.size(); i++) {
                long t = r.minutesMs()[i];
                if (c.episodes().stream().anyMatch(s -> s.contains(t))) {
                    minutes++;
                    moved += c.recording().activity()[i] != r.activity()[i] ? 1 : 0;
                }
            }
            assertEquals(3 * 8 * 60, minutes, c.collarId());
            // Some picks land on a minute that already moved as much, so a little under 30% change.
            assertTrue(moved > 0.2 * minutes && moved < 0.33 * minutes, c.collarId() + ": " + moved + " of " + minutes);
        }
    }

    @Test
    void theSameSeedMakesTheSameCases() {
        List<RealCase> again = CaseMaker.cases(recordings, CaseMaker.DEFAULT_SEED);
        for (int i = 0; i < cases.size(); i++) {
            assertEquals(cases.get(i).episodes(), again.get(i).episodes());
            assertArrayEquals(cases.get(i).recording().activity(), again.get(i).recording().activity());
        }
        List<RealCase> other = CaseMaker.cases(recordings, CaseMaker.DEFAULT_SEED + 1);
        assertTrue(!cases.stream().map(RealCase::episodes).toList()
                .equals(other.stream().map(RealCase::episodes).toList()), "another seed places the episodes elsewhere");
    }

    private static RealCase only(Recording r, Kind kind) {
        return cases.stream().filter(c -> c.source().equals(r.id()) && c.kind() == kind).findFirst().orElseThrow();
    }
}
