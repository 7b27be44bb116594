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

    /**
     * The exit code, as for a suite run. The collars' actions are played by the fleet publisher at the scenario
     * file's speed, unless the command line gave one ({@code speedGiven}); a recording plays at the options' speed.
     */
    int run(Supplier<PublishSettings> settings, FleetOptions options, boolean speedGiven, PrintStream out) {
        if (scenarioFile.isPresent() && replay.isPresent()) {
            throw new IllegalArgumentException("give --scenario-file or --replay, not both");
        }
        Optional<CompiledScenario> compiled = scenarioFile.map(path -> scenario(path, out));
        List<CollarScript> scripts = compiled.map(CompiledScenario::collars)
                .orElseGet(() -> recording(replay.orElseThrow(), out));
        FleetOptions play = compiled.filter(c -> !speedGiven).map(c -> options.withSpeed(c.run().speed()))
                .orElse(options);
        labels.ifPresent(path -> SuiteOutput.writeLabels(scripts, path));
        zones.ifPresent(path -> SuiteOutput.writeZones(scripts, path));
        int exit = RunSummary.ALL_DELIVERED;
        if (csv.isPresent()) {
            long rows = SuiteOutput.writeCsv(scripts, csv.get());
            out.printf("wrote %d rows for %d collars to %s%n", rows, scripts.size(), csv.get());
        } else {
            exit = RunSummary.finish(FleetRun.scripts(scripts, settings.get(), play), report, out);
        }
        labels.ifPresent(path -> out.printf("%d labels in %s%n",
                scripts.stream().mapToLong(s -> s.labels().size()).sum(), path));
        return exit;
    }

    private static CompiledScenario scenario(Path path, PrintStream out) {
        CompiledScenario compiled = ScenarioCompiler.load(path);
        out.printf("scenario %s: %d collars, %d days from %s, speed %s%n", compiled.run().name(),
                compiled.collars().size(), compiled.run().days(), compiled.run().start(), compiled.run().speed());
        return compiled;
    }

    private List<CollarScript> recording(Path path, PrintStream out) {
        List<CollarScript> scripts = Recordings.read(path, batchMinutes, zone, seed);
        out.printf("recording %s: %d collars, %d minutes%n", path.getFileName(), scripts.size(),
                scripts.stream().mapToLong(s -> s.recorded().size()).sum());
        return scripts;
    }
}
