package io.petwatch.demo;

import io.petwatch.sim.scenario.Episode;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.tinylog.Logger;

/**
 * The demo's command: runs the pipeline once and prints the alerts, the texts that went out and, for each kind of
 * signal, its case and text. Exit 0 when every injected episode alerted, no healthy collar did and every signal was
 * answered; 3 when detection missed or over-alerted or a signal went unanswered; 1 on failure.
 */
public final class DemoMain {
    private DemoMain() {
    }

    public static void main(String[] args) {
        boolean serve = List.of(args).contains("--serve");
        List<String> unknown = List.of(args).stream().filter(a -> !a.equals("--serve")).toList();
        if (!unknown.isEmpty()) {
            System.err.println("demo: unknown argument(s) " + unknown + "; the only one is --serve (keep the collector"
                    + " and its console running after the demo, until Ctrl-C)");
            System.exit(2);
            return;
        }
        if (serve) {
            serve();
            return;
        }
        DemoRunner.Result result;
        try {
            result = new DemoRunner().run(DemoSettings.fromEnvironment(System.getenv()));
        } catch (RuntimeException e) {
            Logger.error(e, "The demo failed");
            System.exit(1);
            return;
        }
        // The report is this command's output, so it goes to standard output; logs went to standard error.
        System.exit(print(result, System.out) ? 0 : 3);
    }

    /**
     * The demo, then the collector kept running with its database for the console until Ctrl-C. The shutdown hook
     * lets the demo close everything (the embedded PostgreSQL included) before the JVM exits.
     */
    private static void serve() {
        ConsoleStaff staff = ConsoleStaff.generate();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                closed.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-stop"));
        try {
            new DemoRunner().run(DemoSettings.fromEnvironment(System.getenv()), staff.environment(),
                    (result, collector) -> {
                        print(result, System.out);
                        staff.print(System.out, collector);
                        try {
                            stop.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        System.out.println("Stopping the collector and the demo's services...");
                    });
        } catch (RuntimeException e) {
            Logger.error(e, "The demo failed");
            closed.countDown();
            System.exit(1);
        } finally {
            closed.countDown();
        }
    }

    static boolean print(DemoRunner.Result r, PrintStream out) {
        out.printf("%nPetWatch demo: %d collars over %d batches of simulated collar data%n",
                r.sim().collarIds().size(), r.sim().batchesPublished());
        out.printf("  broker:   %s%n  database: %s%n", r.broker(), r.database());
        for (Episode e : r.sim().episodes()) {
            out.printf("  injected: %s on %s from %s for %d h (activity x%.2f)%n", e.kind(), e.collarId(), e.start(),
                    java.time.Duration.between(e.start(), e.end()).toHours(), e.factor());
        }
        out.printf("  gateway:  %d batches, %d malformed, %d alerts raised, %d pending upload%n",
                r.gateway().batchesDelivered(), r.gateway().malformedPayloads(), r.gateway().detection().alertsRaised(),
                r.gateway().pendingAlerts());

        out.printf("%nALERTS received by the collector (%d)%n", r.alerts().size());
        for (Map<String, Object> a : r.alerts()) {
            out.printf("  %s %s %s  %s  episode from %s, detected %s%n    %s -> %s%n", a.get("kind"), a.get("state"),
                    a.get("severity"), a.get("collarId"), a.get("windowStart"), a.get("detectedAt"), a.get("summary"),
                    a.get("status"));
        }
        out.printf("%nCASES (%d)%n", r.cases().size());
        for (Map<String, Object> c : r.cases()) {
            out.printf("  #%s %s: %s's pet %s (%s), %s, agent takes over at %s if no reply%n", c.get("id"),
                    c.get("kind"), c.get("ownerName"), c.get("petName"), c.get("collarId"), c.get("status"),
                    c.get("escalateAt"));
        }
        out.printf("%nSMS SENT (%d)%n", r.messages().size());
        for (Map<String, Object> m : r.messages()) {
            out.printf("  to %s (case #%s, %s):%n", m.get("recipient"), m.get("caseId"), m.get("status"));
            for (String line : String.valueOf(m.get("body")).split("\n")) {
                out.println("    | " + line);
            }
        }

        out.printf("%nCONVERSATIONS: four owners answer a scripted alert's text, one of each kind%n");
        r.conversations().forEach(line -> out.println("  " + line));

        out.printf("%nSIGNALS: one of each kind, and what the collector did with it%n");
        r.signals().lines().forEach(out::println);

        Set<String> injected = r.sim().episodes().stream().map(Episode::collarId)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> alerted = r.alerts().stream().filter(a -> "FIRING".equals(a.get("state")))
                .map(a -> (String) a.get("collarId")).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missed = new TreeSet<>(injected);
        missed.removeAll(alerted);
        Set<String> falseAlerts = new TreeSet<>(alerted);
        falseAlerts.removeAll(injected);
        out.printf("%nVerdict: %d of %d injected lethargy episodes alerted%s; %d alerts on healthy collars%s."
                        + " Took %.1f s.%n", injected.size() - missed.size(), injected.size(),
                missed.isEmpty() ? "" : " (missed " + missed + ")", falseAlerts.size(),
                falseAlerts.isEmpty() ? "" : " " + falseAlerts, r.took().toMillis() / 1000.0);
        if (!r.signals().allSent()) {
            out.println("Not every signal was answered: see the SIGNALS lines above.");
        }
        return missed.isEmpty() && falseAlerts.isEmpty() && r.messages().size() == injected.size()
                && r.signals().allSent();
    }

}
