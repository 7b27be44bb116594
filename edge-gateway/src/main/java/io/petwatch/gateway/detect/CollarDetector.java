package io.petwatch.gateway.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything the gateway knows about one collar, advanced by event time. Minutes go into a fixed ring of hours;
 * each time the collar's data completes an hour, the rules judge the boundary. Per sample the work is a few
 * array updates and no allocation; the baseline is relearned once per local day.
 */
final class CollarDetector implements Context {
    /** Boundaries re-judged at most after a jump in event time; older ones could not fire anyway. */
    private static final int MAX_CATCH_UP_HOURS = 24 * 3;
    private static final long NONE = Long.MIN_VALUE;

    private final String hubId;
    private final String collarId;
    private final DetectorParams params;
    private final LocalCalendar calendar;
    private final Baseline.Scratch scratch;
    private final HourRing ring;
    private final SeqWindow seqs;
    private final WearTracker wear;
    private final LowActivityRule lowActivity;
    private final RestlessnessRule restlessness;
    private final DriftRule drift;
    private final DeviceRules device;
    private long maxMinute = NONE;
    private long evaluatedUpTo = NONE;
    private long baselineDay = NONE;
    private Baseline baseline;
    private RestProfile rest = RestProfile.UNKNOWN;
    /** The first hour whose minutes were counted against a known rest profile: nights before it are not judged. */
    private long restKnownSince = NONE;
    private long restHour = NONE;
    private int restHourKind;
    private long raisedAtMs;

    CollarDetector(String hubId, String collarId, LocalCalendar calendar, Baseline.Scratch scratch,
                   DetectorParams params) {
        this(hubId, collarId, calendar, scratch, params, new HourRing(params.historyHours()), new SeqWindow());
    }

    private CollarDetector(String hubId, String collarId, LocalCalendar calendar, Baseline.Scratch scratch,
                           DetectorParams params, HourRing ring, SeqWindow seqs) {
        this.hubId = hubId;
        this.collarId = collarId;
        this.params = params;
        this.calendar = calendar;
        this.scratch = scratch;
        this.ring = ring;
        this.seqs = seqs;
        this.wear = new WearTracker(params.wear());
        this.lowActivity = new LowActivityRule(params.lowActivity());
        this.restlessness = new RestlessnessRule(params.restlessness());
        this.drift = new DriftRule(params.drift());
        this.device = new DeviceRules(params.device());
    }

    /**
     * Outcome of adding one batch.
     *
     * @param duplicateBatch the whole batch was one already received (same seq, no newer data)
     * @param seqSkipped     batches this one's seq jumped over when it arrived (lost, or still to come late)
     * @param late           whether this batch's seq was not above the collar's highest so far
     */
    record Ingested(int accepted, int duplicate, int rejected, boolean duplicateBatch, long seqSkipped, boolean late,
                    List<AlertEvent> alerts) {
    }

    Ingested ingest(CollarBatch batch, long nowWallMs, long maxFutureMs, long raisedAt) {
        raisedAtMs = raisedAt;
        long lastMinute = NONE;
        for (MinuteSample s : batch.samples()) {
            lastMinute = Math.max(lastMinute, Math.floorDiv(s.minuteStartMs(), HourRing.MINUTE_MS));
        }
        boolean newer = lastMinute > maxMinute;
        if (seqs.seen(batch.seq()) && !newer) {
            return new Ingested(0, batch.samples().size(), 0, true, 0, true, List.of());
        }
        if ((seqs.seen(batch.seq()) || seqs.tooOld(batch.seq())) && newer) {
            seqs.reset(); // the collar's seq restarted (firmware reset): its data is new all the same
        }
        boolean late = batch.seq() != 0 && batch.seq() <= seqs.highest();
        long skipped = seqs.highest() > 0 && batch.seq() > seqs.highest() + 1 ? batch.seq() - seqs.highest() - 1 : 0;
        seqs.mark(batch.seq());

        List<AlertEvent> alerts = new ArrayList<>(2);
        int accepted = 0;
        int duplicate = 0;
        int rejected = 0;
        long futureLimit = Math.floorDiv(nowWallMs + maxFutureMs, HourRing.MINUTE_MS);
        for (MinuteSample s : batch.samples()) {
            long minute = Math.floorDiv(s.minuteStartMs(), HourRing.MINUTE_MS);
            long hour = Math.floorDiv(minute, 60L);
            if (minute > futureLimit || (ring.newest() != NONE && hour <= ring.newest() - ring.capacity())) {
                rejected++;
                continue;
            }
            ring.advanceTo(hour);
            boolean worn = wear.worn(minute, s.activity(), s.wear(), ring, hourKind(hour));
            if (ring.add(hour, s.activity(), worn, s.activity() >= rest.activeThreshold())) {
                accepted++;
                maxMinute = Math.max(maxMinute, minute);
            } else {
                duplicate++;
            }
        }
        if (accepted > 0) {
            device.onData(this, maxMinute * HourRing.MINUTE_MS).ifPresent(alerts::add);
        }
        device.onBattery(this, batch.batteryPct(), batch.charging(), Math.max(0, lastMinute) * HourRing.MINUTE_MS,
                alerts);
        advance(alerts);
        return new Ingested(accepted, duplicate, rejected, false, skipped, late, alerts);
    }

    /** The collar's own word on its connection (retained status or will message). */
    List<AlertEvent> status(boolean online, long atMs, long raisedAt) {
        raisedAtMs = raisedAt;
        return device.onStatus(this, online, atMs).map(List::of).orElse(List.of());
    }

    /** The hub's clock moved on: a collar that has gone quiet becomes COLLAR_SILENT. */
    List<AlertEvent> tick(long nowMs, long raisedAt) {
        raisedAtMs = raisedAt;
        if (maxMinute == NONE) {
            return List.of();
        }
        return device.onTick(this, nowMs, (maxMinute + 1) * HourRing.MINUTE_MS).map(List::of).orElse(List.of());
    }

    /** Where the hour falls in the pet's usual day, for wear and plateau judgements (cached per hour). */
    private int hourKind(long hour) {
        if (hour != restHour) {
            restHour = hour;
            int hourOfDay = calendar.hourOfDay(hour);
            restHourKind = rest.contains(hourOfDay) ? WearTracker.REST : rest.busy(hourOfDay) ? WearTracker.BUSY
                    : WearTracker.AWAKE;
        }
        return restHourKind;
    }

    private void advance(List<AlertEvent> alerts) {
        if (maxMinute == NONE) {
            return;
        }
        long completeUpTo = Math.floorDiv(maxMinute + 1, 60L); // an hour is complete once its last minute arrived
        if (evaluatedUpTo == NONE) {
            evaluatedUpTo = completeUpTo;
            return;
        }
        for (long boundary = Math.max(evaluatedUpTo, completeUpTo - MAX_CATCH_UP_HOURS) + 1; boundary <= completeUpTo;
             boundary++) {
            relearnIfNewDay(boundary);
            lowActivity.evaluate(this, boundary).ifPresent(alerts::add);
            drift.evaluate(this, boundary, lowActivity.firing()).ifPresent(alerts::add);
            restlessness.evaluate(this, boundary, rest, restKnownSince).ifPresent(alerts::add);
            device.evaluateHour(this, boundary, baseline, wear, alerts);
        }
        evaluatedUpTo = Math.max(evaluatedUpTo, completeUpTo);
    }

    private void relearnIfNewDay(long boundary) {
        long day = calendar.day(boundary - 1);
        if (day == baselineDay && baseline != null) {
            return;
        }
        LowActivityParams p = params.lowActivity();
        long end = boundary - 1 - calendar.hourOfDay(boundary - 1) - p.windowHours();
        baseline = Baseline.learn(ring, calendar, end - p.baselineDays() * 24L, end, p.minWornMinutesPerHour(),
                p.minBaselineDays(), scratch);
        baselineDay = day;
        // While the baseline is young, the rest period is placed from every day up to today's midnight (an
        // episode shifts it little: it is the quietest run of hours by their medians), so a new pet's nights are
        // counted from its second day. Once the baseline has settled, it places the rest period itself (one
        // learning pass a day instead of two).
        Baseline restFrom = baseline;
        if (baseline.learnedDays() < LowActivityRule.SETTLED_DAYS) {
            long midnight = boundary - 1 - calendar.hourOfDay(boundary - 1);
            restFrom = Baseline.learn(ring, calendar, midnight - p.baselineDays() * 24L, midnight,
                    p.minWornMinutesPerHour(), 1, scratch);
        }
        rest = restFrom.learnedDays() >= 1 ? RestProfile.of(restFrom, params.restlessness(), wear.restFloor())
                : RestProfile.UNKNOWN;
        restHour = NONE;
        if (rest.known() && restKnownSince == NONE) {
            restKnownSince = boundary - 1;
        }
    }

    @Override
    public Baseline baseline() {
        return baseline;
    }

    /** Everything a snapshot keeps of a collar. */
    record State(String collarId, int paramsFingerprint, long maxMinute, long evaluatedUpTo, HourRing ring,
                 SeqWindow seqs, long lowActivityEpisodeStart, int[] restCalmCounts, int[] restState,
                 long restEpisodeStart, long[] device, int[] restFloor, long restKnownSince,
                 RecentNights recentNights, Optional<Drift> drift) {
    }

    /**
     * The drift rule's daily totals and episode; empty when restored from a snapshot written before they were kept
     * (the totals are then summed again from the hour ring).
     */
    record Drift(long newestDay, int[] activity, short[] worn, byte[] share, long lethargyDay, long episodeStartHour,
                 float levelThen) {
    }

    /** The restless rule's last five judged nights, newest first. */
    record RecentNights(long[] starts, int[] active) {
    }

    State state() {
        return new State(collarId, params.layoutFingerprint(), maxMinute, evaluatedUpTo, ring, seqs,
                lowActivity.episodeStartHour(), restlessness.calmCountsArray(), restlessness.stateInts(),
                restlessness.episodeStartHour(), device.state(), wear.floorState(), restKnownSince,
                new RecentNights(restlessness.recentNightStarts(), restlessness.recentNightActive()),
                Optional.of(new Drift(drift.days().newest(), drift.days().activityArray(), drift.days().wornArray(),
                        drift.days().shareArray(), drift.lethargyDay(), drift.episodeStartHour(), drift.levelThen())));
    }

    /** A detector carried on from a snapshot: same history, same open episodes. */
    static CollarDetector restored(String hubId, LocalCalendar calendar, Baseline.Scratch scratch,
                                   DetectorParams params, State s) {
        CollarDetector d = new CollarDetector(hubId, s.collarId(), calendar, scratch, params, s.ring(), s.seqs());
        d.maxMinute = s.maxMinute();
        d.evaluatedUpTo = s.evaluatedUpTo();
        System.arraycopy(s.restCalmCounts(), 0, d.restlessness.calmCountsArray(), 0, s.restCalmCounts().length);
        d.restlessness.restore(s.restState(), s.restEpisodeStart());
        d.restlessness.restoreRecentNights(s.recentNights().starts(), s.recentNights().active());
        d.device.restore(s.device());
        d.wear.restoreFloor(s.restFloor());
        d.restKnownSince = s.restKnownSince();
        if (s.lowActivityEpisodeStart() != NONE) {
            // The frozen baseline is learned again from the history before the episode.
            d.relearnIfNewDay(s.lowActivityEpisodeStart() + params.lowActivity().windowHours());
            d.lowActivity.restore(s.lowActivityEpisodeStart(), d.baseline);
            d.baselineDay = NONE;
        }
        if (d.evaluatedUpTo != NONE) {
            // Today's baseline and rest period, as the running detector had them: the first batch after a restart
            // counts its minutes (active, rest hours) as it would have without the restart.
            d.relearnIfNewDay(d.evaluatedUpTo);
        }
        if (s.drift().isPresent()) {
            Drift saved = s.drift().get();
            d.drift.days().restore(saved.newestDay(), saved.activity(), saved.worn(), saved.share());
            d.drift.restore(saved.lethargyDay(), saved.episodeStartHour(), saved.levelThen());
        } else if (d.evaluatedUpTo != NONE) {
            // An older snapshot kept no daily totals: the hour ring still holds the window's days. Whether lethargy
            // fired in them is not known; only an episode still open says so.
            d.drift.backfill(d, d.evaluatedUpTo);
            d.drift.restore(d.lowActivity.firing() ? d.calendar.day(d.evaluatedUpTo - 1) : NONE, NONE, 0);
        }
        return d;
    }

    /** Start of the newest minute of data accepted from the collar, in event time; empty before any. */
    OptionalLong newestMinuteMs() {
        return maxMinute == NONE ? OptionalLong.empty() : OptionalLong.of(maxMinute * HourRing.MINUTE_MS);
    }

    CollarProgress progress() {
        return new CollarProgress(learnedDays(), seqs.highest(), seqs.missing(),
                seqs.missingSeqs(CollarProgress.LISTED));
    }

    /** Warm-up progress: days of worn data the baseline has. */
    int learnedDays() {
        return baseline == null ? 0 : baseline.learnedDays();
    }

    /** Whether the pet's normal is learned well enough for health alerts (the end of warm-up). */
    boolean warmedUp() {
        return learnedDays() >= params.lowActivity().minBaselineDays();
    }

    @Override
    public String hubId() {
        return hubId;
    }

    @Override
    public String collarId() {
        return collarId;
    }

    @Override
    public HourRing ring() {
        return ring;
    }

    @Override
    public LocalCalendar calendar() {
        return calendar;
    }

    @Override
    public long raisedAtMs() {
        return raisedAtMs;
    }
}
