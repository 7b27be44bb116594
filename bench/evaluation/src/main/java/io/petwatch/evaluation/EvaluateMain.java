package io.petwatch.evaluation;

import io.petwatch.evaluation.realdata.RealDataMain;
import io.petwatch.gateway.detect.DetectorParams;
import io.petwatch.sim.suite.CollarScript;
import io.petwatch.sim.suite.ScenarioSuite;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code java -jar bench/evaluation/target/petwatch-evaluation.jar [seed] [collars-per-scenario]}: runs the
 * scored scenario suite through the detectors and prints precision, recall, false alerts and delay per kind,
 * against the targets. Exit 0 when every target is met, 3 otherwise. With {@code realdata [folder] [--seed N]
 * [--write DIR] [--quiet]} it scores real recordings instead ({@link RealDataMain}).
 */
public final class EvaluateMain {
    private EvaluateMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("realdata")) {
            try {
                System.exit(RealDataMain.run(List.of(args).subList(1, args.length), System.out));
            } catch (IllegalArgumentException e) {
                System.err.println("realdata: " + e.getMessage());
                System.exit(2);
            }
        }
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
        int perScenario = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        DetectorParams params = DetectorParams.defaults();
        List<CollarScript> scripts = ScenarioSuite.standard(seed, perScenario);
        SuiteRun.Result run = SuiteRun.run(scripts, params);
        Score score = Score.of(run, params.lowActivity());
        // The report is this command's output.
        System.exit(print(score, run, seed, perScenario, System.out) ? 0 : 3);
    }

    static boolean print(Score score, SuiteRun.Result run, long seed, int perScenario, PrintStream out) {
        out.printf(Locale.ROOT, "PetWatch detection evaluation: seed %d, %d scenarios x %d collars, %d collar-days,"
                        + " %d samples in %.1f s%n%n", seed, ScenarioSuite.SCENARIOS.size(), perScenario,
                run.scripts().stream().mapToLong(CollarScript::days).sum(), run.samples(),
                run.took().toMillis() / 1000.0);
        out.printf("%-13s %7s %7s %5s %10s %8s %14s %12s%n", "kind", "labels", "alerts", "TP", "precision", "recall",
                "delay median", "delay p95");
        boolean ok = true;
        for (Map.Entry<String, Score.KindScore> e : new TreeMap<>(score.kinds()).entrySet()) {
            Score.KindScore k = e.getValue();
            out.printf(Locale.ROOT, "%-13s %7d %7d %5d %10.3f %8.3f %11d min %8d min%n", e.getKey(), k.labels(),
                    k.alerts(), k.truePositives(), k.precision(), k.recall(), k.percentile(0.5), k.percentile(0.95));
            ok &= k.precision() >= 0.95 && k.recall() >= 0.95 && k.percentile(0.5) < 60;
        }
        double per1000 = score.healthyCollarDays() == 0 ? 0
                : 1000.0 * score.healthyFalseAlerts() / score.healthyCollarDays();
        out.printf(Locale.ROOT, "%nhealthy data: %d collar-days, %d false health alerts = %.2f per 100 collar-days"
                        + " (%.2f per 1,000)%n", score.healthyCollarDays(), score.healthyFalseAlerts(),
                score.falseAlertsPer100CollarDays(), per1000);
        out.printf("device-state scenarios: %d health alerts%n%n", score.deviceHealthAlerts());
        out.println("alerts raised (FIRING) per scenario:");
        new TreeMap<>(score.alertsByScenario()).forEach((scenario, kinds) ->
                out.printf("  %-20s %s%n", scenario, new TreeMap<>(kinds)));
        ok &= per1000 <= 1.0 && score.deviceHealthAlerts() == 0;
        out.printf("%nTargets (precision and recall >= 0.95 per kind, median delay < 60 min, <= 1 false health alert"
                + " per 1,000 healthy collar-days, no health alert on device states): %s%n", ok ? "MET" : "NOT MET");
        return ok;
    }
}
