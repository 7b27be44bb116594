package io.petwatch.demo.chaos;

import io.petwatch.demo.EmbeddedPostgres;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bench/chaos.sh}: the same simulated fleet through the hub path twice, once without faults and once with
 * the {@link FaultPlan}'s, and the comparison. Exit 0 when the chaos run kept every guarantee, 3 when it did not.
 */
public final class ChaosMain {
    private ChaosMain() {
    }

    /** Runs both and prints the report; returns the verdict. */
    public static ChaosVerdict run(ChaosSettings settings, FaultPlan plan, PrintStream out) throws Exception {
        RunResult chaos = new ChaosRun(settings, plan, "chaos", List.of()).run();
        // The baseline publishes the same data less what the broker was allowed to lose (its stated window), so
        // any other difference in the alerts is the path's fault.
        RunResult clean = new ChaosRun(settings, FaultPlan.none(plan.settleSeconds()), "fault-free", chaos.lost()).run();
        ChaosVerdict verdict = ChaosVerdict.of(clean, chaos);
        out.printf("fleet: %d collars x %d days at %d batches/s, seed %d, from %s%n", settings.collars(),
                settings.days(), settings.rate(), settings.seed(), settings.start());
        out.printf("fault-free run (the same data less the %d batches lost in the broker's window): %d batches"
                + " published, %d processed, %d alerts, %d s%n", chaos.lost().size(), clean.published(),
                clean.processed(), clean.alerts().size(), clean.tookSeconds());
        out.printf("chaos run (%d s): %d batches published, %d processed, %d lost in the broker's stated %d s loss"
                        + " window (at most %d at this rate; the lost batches span %.1f s of publishing), %d not yet"
                        + " processed; %d alerts waiting%n", chaos.tookSeconds(), chaos.published(), chaos.processed(),
                chaos.lostInWindow(), chaos.windowSeconds(), chaos.lossBound(), chaos.lostSpanSeconds(),
                chaos.stuckBatches(), chaos.stuckAlerts());
        out.printf("  collars tracked %d (fleet and poison collar %d of %d), dropped payloads %s%n",
                chaos.collarsTracked(), chaos.knownTracked(), clean.knownTracked() + 1, chaos.dropped());
        out.printf("  poison collar: %s; dead letters %d%s%n", chaos.poison(), chaos.deadLetters(),
                chaos.lastDeadLetter().isEmpty() ? "" : " (last: " + chaos.lastDeadLetter() + ")");
        clean.alerts().forEach((id, alert) -> out.printf("  %s %s %s%n", alert.equals(chaos.alerts().get(id))
                ? "same     " : "DIFFERENT", id, alert));
        chaos.alerts().forEach((id, alert) -> {
            if (!alert.equals(clean.alerts().get(id))) {
                out.printf("  EXTRA     %s %s%n", id, alert);
            }
        });
        out.println(verdict.passed() ? "verdict: every guarantee held" : "verdict: a guarantee did not hold");
        out.println(verdict.line());
        return verdict;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        boolean brief = args.length > 0 && args[0].equals("--brief");
        int collars = brief ? 12 : 23; // collar-024 is the poison collar
        int days = brief ? 12 : 14;
        int rate = brief ? 120 : 50;
        Path work = Files.createDirectories(Path.of(env.getOrDefault("PETWATCH_CHAOS_WORK_DIR",
                "deploy/demo/target/chaos-run"), Instant.now().toString().replace(':', '-')));
        Optional<String> dbUrl = Optional.ofNullable(env.get("PETWATCH_DB_URL")).filter(s -> !s.isBlank());
        EmbeddedPostgres postgres = dbUrl.isPresent() ? null : EmbeddedPostgres.start(work);
        int status;
        try {
            ChaosSettings settings = new ChaosSettings(Path.of("deploy/hub"),
                    Path.of("edge-gateway/target/petwatch-edge-gateway.jar"),
                    Path.of("firmware-sim/target/petwatch-firmware-sim.jar"),
                    Path.of(env.getOrDefault("PETWATCH_COLLECTOR_JAR", "collector/target/quarkus-app/quarkus-run.jar")),
                    work, dbUrl.orElseGet(() -> postgres.jdbcUrl()), env.getOrDefault("PETWATCH_DB_USER", "postgres"),
                    env.getOrDefault("PETWATCH_DB_PASSWORD", ""), collars, days, rate, 42,
                    Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(days)), "collar-024");
            status = run(settings, brief ? FaultPlan.brief() : FaultPlan.full(), System.out).passed() ? 0 : 3;
            System.out.println("logs: " + work);
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
        System.exit(status);
    }
}
