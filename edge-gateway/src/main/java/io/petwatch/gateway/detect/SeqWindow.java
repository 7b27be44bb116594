package io.petwatch.gateway.detect;

/**
 * Which of a collar's recent batch seqs have been seen, in a 4096-seq bit window. A re-sent batch carries the
 * seq it had, so its seq is enough to drop it whole. A collar whose seq restarts (firmware reset) sends seqs that
 * look old but data that is new; {@link #reset()} starts the window over for it.
 */
final class SeqWindow {
    static final int SIZE = 4096;

    private final long[] bits = new long[SIZE / 64];
    private long highest;

    /** Whether this seq was seen within the window; seq 0 (not set by the firmware) is never a duplicate. */
    boolean seen(long seq) {
        if (seq == 0 || seq > highest || seq <= highest - SIZE) {
            return false;
        }
        return (bits[index(seq)] & mask(seq)) != 0;
    }

    /** Whether the seq is older than the window can tell. */
    boolean tooOld(long seq) {
        return seq != 0 && seq <= highest - SIZE;
    }

    void mark(long seq) {
        if (seq == 0) {
            return;
        }
        if (seq > highest) {
            long clearFrom = Math.max(highest + 1, seq - SIZE + 1);
            for (long s = clearFrom; s <= seq; s++) {
                bits[index(s)] &= ~mask(s);
            }
            highest = seq;
        }
        bits[index(seq)] |= mask(seq);
    }

    /** Seqs from 1 (or the window's start) up to the highest that have not arrived. */
    long missing() {
        long span = Math.min(highest, SIZE);
        long seen = 0;
        for (long word : bits) {
            seen += Long.bitCount(word);
        }
        return Math.max(0, span - seen);
    }

    /** Up to {@code max} of the seqs {@link #missing()} counts, lowest first. */
    java.util.List<Long> missingSeqs(int max) {
        java.util.List<Long> out = new java.util.ArrayList<>();
        for (long seq = Math.max(1, highest - SIZE + 1); seq < highest && out.size() < max; seq++) {
            if ((bits[index(seq)] & mask(seq)) == 0) {
                out.add(seq);
            }
        }
        return out;
    }

    void reset() {
        java.util.Arrays.fill(bits, 0L);
        highest = 0;
    }

    long highest() {
        return highest;
    }

    long[] bitsArray() {
        return bits;
    }

    void restore(long highestSeq) {
        highest = highestSeq;
    }

    private static int index(long seq) {
        return (int) (Math.floorMod(seq, (long) SIZE) >>> 6);
    }

    private static long mask(long seq) {
        return 1L << (Math.floorMod(seq, (long) SIZE) & 63);
    }
}
