package io.petwatch.gateway.detect;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the gateway knows about one collar, advanced by event time: minutes go into the history, and each
 * time the collar's data completes an hour the rules judge the window that ends there.
 */
final class CollarDetector {
    /** Hours re-judged at most after a jump in event time; older boundaries could not fire anyway. */
    private static final int MAX_CATCH_UP_HOURS = 24 * 3;

    private final ActivityHistory history;
    private final LowActivityRule lowActivity;
    private final long retentionMs;
    private long maxMinuteMs = Long.MIN_VALUE;
    private long evaluatedUpToMs = Long.MIN_VALUE;
    private long highestSeq;

    CollarDetector(String hubId, String collarId, ZoneId zone, LowActivityParams params) {
        this.history = new ActivityHistory(zone);
        this.lowActivity = new LowActivityRule(hubId, collarId, params);
        this.retentionMs = (params.baselineDays() * 24L + params.windowHours() + 24) * ActivityHistory.HOUR_MS;
    }

    /**
     * Outcome of adding one batch.
     *
     * @param seqSkipped batches this one's seq jumped over when it arrived (lost, or still to come late)
     * @param late       whether this batch's seq was at or below one already seen (re-sent or out of order)
     */
    record Ingested(int accepted, int duplicate, int rejected, long seqSkipped, boolean late, List<AlertEvent> alerts) {
    }

    Ingested ingest(long seq, List<MinuteSample> samples, long nowWallMs, long maxFutureMs, long raisedAtMs) {
        boolean late = seq <= highestSeq;
        long skipped = highestSeq > 0 && seq > highestSeq + 1 ? seq - highestSeq - 1 : 0;
        highestSeq = Math.max(highestSeq, seq);
        int accepted = 0;
        int duplicate = 0;
        int rejected = 0;
        for (MinuteSample sample : samples) {
            long minute = Math.floorDiv(sample.minuteStartMs(), ActivityHistory.MINUTE_MS) * ActivityHistory.MINUTE_MS;
            boolean tooOld = maxMinuteMs != Long.MIN_VALUE && minute < maxMinuteMs - retentionMs;
            if (minute > nowWallMs + maxFutureMs || tooOld) {
                rejected++;
            } else if (history.add(sample)) {
                accepted++;
                maxMinuteMs = Math.max(maxMinuteMs, minute);
            } else {
                duplicate++;
            }
        }
        return new Ingested(accepted, duplicate, rejected, skipped, late, advance(raisedAtMs));
    }

    private List<AlertEvent> advance(long raisedAtMs) {
        List<AlertEvent> alerts = new ArrayList<>();
        if (maxMinuteMs == Long.MIN_VALUE) {
            return alerts;
        }
        // An hour is complete once its last minute has arrived.
        long completeUpTo = ActivityHistory.floorHour(maxMinuteMs + ActivityHistory.MINUTE_MS);
        if (evaluatedUpToMs == Long.MIN_VALUE) {
            evaluatedUpToMs = completeUpTo;
            return alerts;
        }
        long from = Math.max(evaluatedUpToMs, completeUpTo - MAX_CATCH_UP_HOURS * ActivityHistory.HOUR_MS);
        for (long boundary = from + ActivityHistory.HOUR_MS; boundary <= completeUpTo;
             boundary += ActivityHistory.HOUR_MS) {
            lowActivity.evaluate(history, boundary, raisedAtMs).ifPresent(alerts::add);
        }
        evaluatedUpToMs = Math.max(evaluatedUpToMs, completeUpTo);
        history.pruneBefore(completeUpTo - retentionMs);
        return alerts;
    }

    boolean lowActivityFiring() {
        return lowActivity.firing();
    }
}
