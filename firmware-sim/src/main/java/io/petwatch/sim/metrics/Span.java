package io.petwatch.sim.metrics;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/** Events counted between the first start and the last end seen, for a rate over the time they took. */
final class Span {
    private final LongAccumulator first = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator last = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final LongAdder count = new LongAdder();

    void start(long nanos) {
        first.accumulate(nanos);
    }

    /** An event done: counted, and the span lasts at least until now. */
    void end(long nanos) {
        count.increment();
        last.accumulate(nanos);
    }

    long count() {
        return count.sum();
    }

    long firstNanos() {
        return first.get();
    }

    /** Events a second from the first start to the last end; 0 before there is a span to divide by. */
    double rate() {
        return rate(count.sum(), first.get(), last.get());
    }

    static double rate(long events, long fromNanos, long toNanos) {
        if (events == 0 || fromNanos == Long.MAX_VALUE || toNanos <= fromNanos) {
            return 0;
        }
        return events * 1e9 / (toNanos - fromNanos);
    }

    long lastNanos() {
        return last.get();
    }
}
