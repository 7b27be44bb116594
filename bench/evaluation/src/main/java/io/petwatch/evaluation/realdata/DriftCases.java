package io.petwatch.evaluation.realdata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Month-long cases for the slow-decline (drift) rule, made from real recordings, which are 8 to 22 days long: each
 * recording's whole weeks are repeated until the case is {@value #CASE_DAYS} days long (the wearer's own days, rest
 * floors, dropouts and removals included, weekdays kept), then
 * <ul>
 *   <li>{@code steady}: as it is, nothing should be raised as a decline;</li>
 *   <li>{@code decline}: activity scaled down linearly from day {@value #DECLINE_FROM} by {@value #DECLINE_DROP} over
 *       {@value #DECLINE_DAYS} days and held there: the "down 40% or more over 30 days", with margin;</li>
 *   <li>{@code shallow}: the same shape with a drop of {@value #SHALLOW_DROP}, which must not be raised.</li>
 * </ul>
 * Deterministic: the cases do not depend on the seed. A scaled minute keeps the device's integer counts (rounded).
 */
public final class DriftCases {
    static final int CASE_DAYS = 42;
    static final int DECLINE_FROM = 7;
    static final int DECLINE_DAYS = 30;
    static final double DECLINE_DROP = 0.5;
    static final double SHALLOW_DROP = 0.2;

    /** What a drift case holds. */
    public enum Shape {
        STEADY("steady", 0), DECLINE("decline", DECLINE_DROP), SHALLOW("shallow", SHALLOW_DROP);

        private final String label;
        private final double drop;

        Shape(String label, double drop) {
            this.label = label;
            this.drop = drop;
        }

        public String label() {
            return label;
        }

        public double drop() {
            return drop;
        }
    }

    /**
     * One drift case.
     *
     * @param recording    the repeated, scaled minutes (the collar id names the case)
     * @param source       the recording it was made from
     * @param shape        what was applied
     * @param declineFromMs where the decline starts (the same instant in every shape of one source)
     */
    public record DriftCase(Recording recording, String source, Shape shape, long declineFromMs) {
        /** Where the decline reaches its full drop. */
        public long declineEndMs() {
            return declineFromMs + DECLINE_DAYS * Recording.DAY_MS;
        }
    }

    private DriftCases() {
    }

    /** The three shapes of every recording with at least a whole week, in a stable order. */
    public static List<DriftCase> cases(List<Recording> recordings) {
        List<DriftCase> out = new ArrayList<>();
        for (Recording r : recordings) {
            int weeks = (int) Math.floor(r.days() / 7);
            if (weeks < 1) {
                continue; // too short to repeat a whole week
            }
            Recording month = repeated(r, weeks * 7);
            long from = r.startMs() + DECLINE_FROM * Recording.DAY_MS;
            for (Shape shape : Shape.values()) {
                out.add(new DriftCase(scaled(month, r.id() + "-drift-" + shape.label(), from, shape.drop()), r.id(),
                        shape, from));
            }
        }
        return out;
    }

    /** The recording's first {@code tileDays} days, again and again, to {@link #CASE_DAYS} days. */
    static Recording repeated(Recording r, int tileDays) {
        long tileMs = tileDays * Recording.DAY_MS;
        long tileEnd = r.startMs() + tileMs;
        int perTile = 0;
        while (perTile < r.size() && r.minutesMs()[perTile] < tileEnd) {
            perTile++;
        }
        int tiles = (CASE_DAYS + tileDays - 1) / tileDays;
        long caseEnd = r.startMs() + CASE_DAYS * Recording.DAY_MS;
        long[] minutes = new long[perTile * tiles];
        int[] counts = new int[perTile * tiles];
        int n = 0;
        for (int t = 0; t < tiles; t++) {
            for (int i = 0; i < perTile; i++) {
                long at = r.minutesMs()[i] + t * tileMs;
                if (at < caseEnd) {
                    minutes[n] = at;
                    counts[n++] = r.activity()[i];
                }
            }
        }
        return new Recording(r.id(), Arrays.copyOf(minutes, n), Arrays.copyOf(counts, n));
    }

    /** Scaled by 1 before {@code fromMs}, falling linearly to {@code 1 - drop} over the decline, then held. */
    static Recording scaled(Recording r, String id, long fromMs, double drop) {
        int[] counts = new int[r.size()];
        double span = DECLINE_DAYS * (double) Recording.DAY_MS;
        for (int i = 0; i < r.size(); i++) {
            double progress = Math.min(1, Math.max(0, (r.minutesMs()[i] - fromMs) / span));
            counts[i] = (int) Math.round(r.activity()[i] * (1 - drop * progress));
        }
        return new Recording(id, r.minutesMs(), counts);
    }
}
