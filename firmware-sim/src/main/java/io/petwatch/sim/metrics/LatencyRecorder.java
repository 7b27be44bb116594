package io.petwatch.sim.metrics;

import io.petwatch.sim.delivery.Percentiles;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Durations recorded from any thread (the MQTT client's, wait-free) and read as percentiles by one reader at a
 * time: a Recorder hands its interval over, and the reader adds it to the total kept since the start.
 */
public final class LatencyRecorder {
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(SIGNIFICANT_DIGITS);
    private Histogram interval;

    /** Records a duration; kept in microseconds, so 3 significant digits are within 0.1 %. */
    public void record(long nanos) {
        recorder.recordValue(Math.max(1, nanos / 1_000L));
    }

    /** All values recorded so far, in milliseconds. */
    public synchronized Percentiles percentiles() {
        collect();
        if (total.getTotalCount() == 0) {
            return Percentiles.NONE;
        }
        return new Percentiles(total.getTotalCount(), ms(total.getValueAtPercentile(50)),
                ms(total.getValueAtPercentile(90)), ms(total.getValueAtPercentile(99)),
                ms(total.getValueAtPercentile(99.9)), ms(total.getMaxValue()));
    }

    /** The sum of all values recorded so far, in seconds (for a Prometheus summary). */
    public synchronized double sumSeconds() {
        collect();
        return total.getMean() * total.getTotalCount() / 1e6;
    }

    private void collect() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
