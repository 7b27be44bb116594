package io.petwatch.evaluation.realdata;

import io.petwatch.gateway.detect.DetectorParams;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code realdata [RECORDINGS_DIR] [--seed N | --seeds A-B] [--write CASES_DIR] [--quiet]}: makes the cases from
 * every recording in the folder (default {@code bench/evaluation/realdata}), replays each through the gateway's
 * detectors, and prints every figure with the false alerts' evidence; the last line is the one-line summary.
 * {@code --seeds} scores the cases of several seeds together (each recording's episodes placed anew per seed), which
 * says more about a small set than one placement does. The month-long drift cases ({@link DriftCases}) do not depend
 * on the seed and are replayed once. Exit 0 when every
 * target is met, 3 when not, 2 on bad arguments.
 */
public final class RealDataMain {
    private RealDataMain() {
    }

    public static int run(List<String> args, PrintStream out) {
        Path dir = Path.of("bench/evaluation/realdata");
        long seed = CaseMaker.DEFAULT_SEED;
        long lastSeed = seed;
        Path write = null;
        boolean quiet = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--seed" -> {
                    seed = Long.parseLong(value(args, ++i, a));
                    lastSeed = seed;
                }
                case "--seeds" -> {
                    String[] range = value(args, ++i, a).split("-", 2);
                    seed = Long.parseLong(range[0]);
                    lastSeed = Long.parseLong(range.length == 2 ? range[1] : range[0]);
                    if (lastSeed < seed) {
                        throw new IllegalArgumentException("--seeds needs FIRST-LAST with FIRST <= LAST");
                    }
                }
                case "--write" -> write = Path.of(value(args, ++i, a));
                case "--quiet" -> quiet = true;
                default -> {
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    dir = Path.of(a);
                }
            }
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no such folder of recordings: " + dir);
        }
        Instant began = Instant.now();
        List<Recording> recordings = Recording.folder(dir);
        if (recordings.isEmpty()) {
            throw new IllegalArgumentException("no *.csv recordings in " + dir);
        }
        List<RealCase> cases = new ArrayList<>();
        for (long s = seed; s <= lastSeed; s++) {
            cases.addAll(CaseMaker.cases(recordings, s));
        }
        if (write != null && lastSeed > seed) {
            throw new IllegalArgumentException("--write takes one seed");
        }
        if (write != null) {
            CaseFiles.write(cases, write);
        }
        DetectorParams params = DetectorParams.defaults();
        List<RealScore.Replayed> runs = new ArrayList<>();
        for (RealCase c : cases) {
            runs.add(new RealScore.Replayed(c, CaseReplay.replay(c, params)));
        }
        RealScore score = RealScore.of(runs);
        List<DriftScore.Run> driftRuns = new ArrayList<>();
        for (DriftCases.DriftCase c : DriftCases.cases(recordings)) {
            driftRuns.add(new DriftScore.Run(c, CaseReplay.replay(c.recording(), params)));
        }
        DriftScore drift = DriftScore.of(driftRuns, runs);
        double days = recordings.stream().mapToDouble(Recording::days).sum();
        out.printf(Locale.ROOT, "PetWatch real-data evaluation: %d recordings (%.1f days) from %s, %d cases, seed %s,"
                + " %.1f s%n%n", recordings.size(), days, dir, cases.size(), seed == lastSeed ? seed : seed + "-" + lastSeed,
                Duration.between(began, Instant.now()).toMillis() / 1000.0);
        new RealReport(score, drift, out).print(quiet ? List.of() : runs);
        return score.met() && drift.met() ? 0 : 3;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
