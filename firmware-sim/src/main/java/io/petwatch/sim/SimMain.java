package io.petwatch.sim;

import io.petwatch.sim.mqtt.BrokerTls;
import io.petwatch.sim.mqtt.CollarCredentials;
import io.petwatch.sim.mqtt.PublishSettings;
import io.petwatch.sim.mqtt.ReconnectPolicy;
import io.petwatch.sim.play.Speed;
import io.petwatch.sim.scenario.Episode;
import io.petwatch.sim.suite.CollarScript;
import io.petwatch.sim.suite.ScenarioSuite;
import io.petwatch.sim.suite.SuiteOutput;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The firmware simulator's command line. */
@Command(name = "firmware-sim", mixinStandardHelpOptions = true, version = "firmware-sim 0.1.0",
        description = {"Publishes simulated PetWatch collars to an MQTT 5 broker in accelerated event time.",
                "Collars reconnect on their own (jittered back-off, persistent session) and re-send what the broker"
                        + " had not acknowledged; a batch not delivered within --delivery-timeout is counted and the"
                        + " run goes on."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every batch was acknowledged by the broker",
                "1:the run failed: a bad value, a collar missing from --credentials, the broker unreachable or"
                        + " refusing a login at the start",
                "2:the command line is invalid",
                "4:some batches were not delivered (listed in the summary and in --report)"})
public final class SimMain implements Callable<Integer> {
    @Option(names = "--broker", defaultValue = "tcp://127.0.0.1:1883", description = "MQTT broker (default: ${DEFAULT-VALUE})")
    URI broker;

    @Option(names = "--collars", defaultValue = "24", description = "number of collars (default: ${DEFAULT-VALUE})")
    int collars;

    @Option(names = "--collar-prefix", defaultValue = "collar-", description = "collar id prefix (default: ${DEFAULT-VALUE})")
    String collarPrefix;

    @Option(names = "--days", defaultValue = "14", description = "simulated days (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--start", description = "event-time start, ISO-8601 (default: --days before the current hour, so"
            + " the data ends now)")
    Optional<Instant> start;

    @Option(names = "--zone", defaultValue = "UTC", description = "household time zone (default: ${DEFAULT-VALUE})")
    ZoneId zone;

    @Option(names = "--seed", defaultValue = "42", description = "random seed: same seed, same data (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--batch-minutes", defaultValue = "60", description = "samples per batch (default: ${DEFAULT-VALUE})")
    int batchMinutes;

    @Option(names = "--scenario", defaultValue = "lethargy", description = "healthy | lethargy (default: ${DEFAULT-VALUE})")
    String scenario;

    @Option(names = "--lethargy-count", defaultValue = "2", description = "collars made lethargic (default: ${DEFAULT-VALUE})")
    int lethargyCount;

    @Option(names = "--lethargy-collars", split = ",", description = "make exactly these collars lethargic")
    List<String> lethargyCollars = List.of();

    @Option(names = "--lethargy-hours", defaultValue = "96", description = "length of each lethargy episode, hours; 96 lasts to the end of the run (default: ${DEFAULT-VALUE})")
    int lethargyHours;

    @Option(names = "--rate", defaultValue = "500",
            description = "most batches per second, all collars together (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--delivery-timeout", defaultValue = "60", description = "seconds a batch may wait for its"
            + " collar to be online, and the run for the broker's PUBACK; later it counts as undelivered"
            + " (default: ${DEFAULT-VALUE})")
    int deliveryTimeoutS;

    @Option(names = "--credentials", paramLabel = "FILE", description = "collar-id:password lines (# comments"
            + " allowed): each collar logs in with its collar id as username; every collar must be listed."
            + " Without it, collars connect anonymously")
    Optional<Path> credentials;

    @Option(names = "--skip", paramLabel = "FILE", description = "collar-id:seq lines (# comments allowed): those"
            + " batches are left out, their seqs skipped, as if lost; e.g. to publish a run minus what a broker lost")
    Optional<Path> skip;

    @Option(names = "--report", paramLabel = "FILE", description = "write the delivery summary here as one JSON"
            + " object (published counts only batches the broker acknowledged)")
    Optional<Path> report;

    // The fleet publisher (issue 17): how actions are played, how collars connect, what is shown while it runs, TLS.
    @Option(names = "--speed", converter = SpeedConverter.class, description = "simulated seconds a wall second"
            + " (3600: an hour a second), or max: as fast as acknowledgements, --rate and the in-flight limits allow"
            + " (default: a scenario file's own speed, otherwise max)")
    Optional<Speed> speed;

    @Option(names = "--max-in-flight", defaultValue = "1", description = "most batches of one collar awaiting their"
            + " PUBACK; 1 is firmware that waits for each (default: ${DEFAULT-VALUE})")
    int maxInFlight;

    @Option(names = "--max-in-flight-total", defaultValue = "10000", description = "most batches of all collars"
            + " awaiting their PUBACK (default: ${DEFAULT-VALUE})")
    int maxInFlightTotal;

    @Option(names = "--connect-rate", defaultValue = "500", description = "most first connections a second"
            + " (default: ${DEFAULT-VALUE})")
    int connectRate;

    @Option(names = "--connect-jitter", defaultValue = "0", paramLabel = "MS", description = "each collar connects"
            + " up to this many ms after its turn, at random (default: ${DEFAULT-VALUE})")
    long connectJitterMs;

    @Option(names = "--progress", defaultValue = "5", paramLabel = "SECONDS", description = "a progress line on"
            + " standard error this often; 0 for none (default: ${DEFAULT-VALUE})")
    int progressS;

    @Option(names = "--prometheus", paramLabel = "PORT", description = "serve the run's figures live at"
            + " http://127.0.0.1:PORT/metrics; 0 picks a free port and prints it")
    Optional<Integer> prometheus;

    @Option(names = "--tls-ca", paramLabel = "FILE", description = "with an ssl:// or mqtts:// broker: trust the"
            + " broker's certificate only if this PEM CA signed it (default: the JDK's trusted roots)")
    Optional<Path> tlsCa;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "the collars' PEM client certificate;"
            + " {collar} in the name stands for each collar's id, for a certificate of its own")
    Optional<String> tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "the PEM private key of --tls-cert (PKCS#8 or"
            + " PKCS#1, unencrypted); {collar} as there")
    Optional<String> tlsKey;

    @Option(names = "--clear-status", description = "at the end, clear each collar's retained status instead of"
            + " leaving OFFLINE: for benchmarks on a shared broker, whose subscribers would otherwise be handed"
            + " thousands of statuses")
    boolean clearStatus;

    FleetOptions fleetOptions() {
        Optional<BrokerTls> tls = tlsCa.isPresent() || tlsCert.isPresent() || tlsKey.isPresent()
                ? Optional.of(new BrokerTls(tlsCa, tlsCert, tlsKey)) : Optional.empty();
        return new FleetOptions(speed.orElse(Speed.MAX), maxInFlight, maxInFlightTotal, connectRate, Duration.ofMillis(connectJitterMs),
                Duration.ofSeconds(progressS), prometheus, tls, clearStatus);
    }

    static final class SpeedConverter implements CommandLine.ITypeConverter<Speed> {
        @Override
        public Speed convert(String value) {
            try {
                return Speed.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Option(names = "--labels", description = "write ground-truth episodes as JSON lines to this file")
    Optional<Path> labels;

    @Option(names = "--suite", description = "run the scored scenario suite (standard) instead of a fleet; writes"
            + " --labels and, with --csv, minute rows instead of publishing")
    Optional<String> suite;

    @Option(names = "--per-scenario", defaultValue = "4", description = "suite collars per scenario (default: ${DEFAULT-VALUE})")
    int perScenario;

    @Option(names = "--csv", description = "with --suite: write collar_id,minute_start,activity,steps,wear rows here")
    Optional<Path> csv;

    @Option(names = "--zones", description = "with --suite: write each collar's household zone as gateway settings here")
    Optional<Path> zones;

    // Scenario files and recordings (issue 17); their run path is FileRun.
    @Option(names = "--scenario-file", paramLabel = "FILE", description = "run a scenario file (YAML, see"
            + " firmware-sim/scenarios/SCHEMA.md): with --csv writes minute rows (and --labels, --zones) instead of"
            + " publishing; otherwise publishes its collars")
    Optional<Path> scenarioFile;

    @Option(names = "--replay", paramLabel = "FILE.csv", description = "publish recorded minutes"
            + " (collar_id,minute_start,activity[,steps,wear]) as collars, one per collar_id, batched by"
            + " --batch-minutes with seq from 1 (in --zone); a file with bad rows is refused, naming them")
    Optional<Path> replay;

    @Override
    public Integer call() {
        if (suite.isPresent()) {
            return runSuite();
        }
        if (scenarioFile.isPresent() || replay.isPresent()) {
            return runFile();
        }
        Instant from = start.orElse(Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(days)));
        SimConfig config = new SimConfig(broker, collars, collarPrefix, days, from, zone, seed, batchMinutes, scenario,
                lethargyCollars, lethargyCount, Duration.ofHours(lethargyHours), labels, rate,
                Duration.ofSeconds(deliveryTimeoutS), credentials, skip.map(SkipList::load).orElse(SkipList.NONE));
        SimReport run = new Simulation(config, fleetOptions()).run();
        // The summary is this command's output, so it goes to standard output.
        for (Episode e : run.episodes()) {
            System.out.printf("injected %s on %s from %s to %s (activity x%.2f)%n", e.kind(), e.collarId(), e.start(),
                    e.end(), e.factor());
        }
        return RunSummary.finish(run.delivery(), report, System.out);
    }

    private int runSuite() {
        if (!suite.get().equals("standard")) {
            throw new IllegalArgumentException("--suite must be 'standard', was '" + suite.get() + "'");
        }
        List<CollarScript> scripts = ScenarioSuite.standard(seed, perScenario);
        labels.ifPresent(path -> SuiteOutput.writeLabels(scripts, path));
        zones.ifPresent(path -> SuiteOutput.writeZones(scripts, path));
        int exit = RunSummary.ALL_DELIVERED;
        if (csv.isPresent()) {
            long rows = SuiteOutput.writeCsv(scripts, csv.get());
            System.out.printf("wrote %d rows for %d collars to %s%n", rows, scripts.size(), csv.get());
        } else {
            PublishSettings settings = new PublishSettings(broker, credentials.map(CollarCredentials::load), rate,
                    Duration.ofSeconds(deliveryTimeoutS), ReconnectPolicy.DEFAULT);
            exit = RunSummary.finish(FleetRun.scripts(scripts, settings, fleetOptions()), report, System.out);
        }
        labels.ifPresent(path -> System.out.printf("labels in %s%n", path));
        return exit;
    }

    private int runFile() {
        return new FileRun(scenarioFile, replay, labels, csv, zones, report, batchMinutes, zone, seed).run(
                () -> new PublishSettings(broker, credentials.map(CollarCredentials::load), rate,
                        Duration.ofSeconds(deliveryTimeoutS), ReconnectPolicy.DEFAULT), fleetOptions(),
                speed.isPresent(), System.out);
    }

    /** The command line with this simulator's error handling: a failed run prints its reason and exits 1. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SimMain());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("firmware-sim: " + e.getMessage());
            return 1;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
