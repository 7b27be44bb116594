package io.petwatch.sim;

import io.petwatch.sim.mqtt.PublishSettings;
import io.petwatch.sim.replay.Recordings;
import io.petwatch.sim.scenariofile.CompiledScenario;
import io.petwatch.sim.scenariofile.ScenarioCompiler;
import io.petwatch.sim.suite.CollarScript;
import io.petwatch.sim.suite.SuiteOutput;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a scenario file (--scenario-file) or a recording (--replay): with --csv it writes minute rows (and --labels,
 * --zones) without publishing, as --suite does; otherwise it publishes the collars.
 *
 * @param batchMinutes with --replay: minutes per batch
 * @param zone         with --replay: the collars' household zone
 */
record FileRun(Optional<Path> scenarioFile, Optional<Path> replay, Optional<Path> labels, Optional<Path> csv,
               Optional<Path> zones, Optional<Path> report, int batchMinutes, ZoneId zone, long seed) {

    /** The exit code, as for a suite run. */
    int run(Supplier<PublishSettings> settings, PrintStream out) {
        if (scenarioFile.isPresent() && replay.isPresent()) {
            throw new IllegalArgumentException("give --scenario-file or --replay, not both");
        }
        List<CollarScript> scripts = scenarioFile.map(path -> scenario(path, out))
                .orElseGet(() -> recording(replay.orElseThrow(), out));
        labels.ifPresent(path -> SuiteOutput.writeLabels(scripts, path));
        zones.ifPresent(path -> SuiteOutput.writeZones(scripts, path));
        int exit = RunSummary.ALL_DELIVERED;
        if (csv.isPresent()) {
            long rows = SuiteOutput.writeCsv(scripts, csv.get());
            out.printf("wrote %d rows for %d collars to %s%n", rows, scripts.size(), csv.get());
        } else {
            exit = RunSummary.finish(SuiteOutput.publish(scripts, settings.get()), report, out);
        }
        labels.ifPresent(path -> out.printf("%d labels in %s%n",
                scripts.stream().mapToLong(s -> s.labels().size()).sum(), path));
        return exit;
    }

    private static List<CollarScript> scenario(Path path, PrintStream out) {
        CompiledScenario compiled = ScenarioCompiler.load(path);
        out.printf("scenario %s: %d collars, %d days from %s, speed %s%n", compiled.run().name(),
                compiled.collars().size(), compiled.run().days(), compiled.run().start(), compiled.run().speed());
        return compiled.collars();
    }

    private List<CollarScript> recording(Path path, PrintStream out) {
        List<CollarScript> scripts = Recordings.read(path, batchMinutes, zone, seed);
        out.printf("recording %s: %d collars, %d minutes%n", path.getFileName(), scripts.size(),
                scripts.stream().mapToLong(s -> s.recorded().size()).sum());
        return scripts;
    }
}
