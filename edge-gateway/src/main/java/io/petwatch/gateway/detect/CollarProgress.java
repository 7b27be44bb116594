package io.petwatch.gateway.detect;

import java.util.List;

/**
 * How far one collar has come.
 *
 * @param learnedDays days of worn data its baseline has learned
 * @param highestSeq  the highest batch seq received (0: the firmware sets none)
 * @param missingSeqs seqs below the highest (within the last 4,096) that never arrived: lost or still to come
 * @param firstMissing the lowest of them, at most {@link #LISTED}
 */
public record CollarProgress(int learnedDays, long highestSeq, long missingSeqs, List<Long> firstMissing) {
    /** Missing seqs listed per collar: enough to name a loss, bounded for the status page. */
    public static final int LISTED = 100;

    public CollarProgress {
        firstMissing = List.copyOf(firstMissing);
    }
}
