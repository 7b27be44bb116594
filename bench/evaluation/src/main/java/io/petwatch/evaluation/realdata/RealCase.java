package io.petwatch.evaluation.realdata;

import java.util.List;

/**
 * One scored case: a recording as it was, or with one episode injected.
 *
 * @param recording the minutes as replayed (the collar id names the case)
 * @param source    the id of the recording it was made from
 * @param kind      what was injected
 * @param episodes  where (none for an unmodified recording; the three nights of a restless case)
 * @param startDay  the day of the recording the episode starts on (0 = its first 24 h); -1 when unmodified
 */
public record RealCase(Recording recording, String source, Kind kind, List<Span> episodes, int startDay) {

    /** What a case holds. */
    public enum Kind {
        UNMODIFIED("unmodified"), LETHARGY("lethargy"), RESTLESS("restless"), NONWEAR("nonwear");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A stretch of event time, [startMs, endMs). */
    public record Span(long startMs, long endMs) {
        boolean contains(long ms) {
            return ms >= startMs && ms < endMs;
        }
    }

    public RealCase {
        episodes = List.copyOf(episodes);
    }

    public String collarId() {
        return recording.id();
    }

    /** From the first injected minute to the last. */
    public Span whole() {
        return new Span(episodes.get(0).startMs(), episodes.get(episodes.size() - 1).endMs());
    }
}
