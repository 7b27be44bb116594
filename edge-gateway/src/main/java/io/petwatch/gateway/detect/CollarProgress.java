package io.petwatch.gateway.detect;

/**
 * How far one collar has come.
 *
 * @param learnedDays days of worn data its baseline has learned
 * @param highestSeq  the highest batch seq received (0: the firmware sets none)
 * @param missingSeqs seqs below the highest (within the last 4,096) that never arrived: lost or still to come
 */
public record CollarProgress(int learnedDays, long highestSeq, long missingSeqs) {
}
