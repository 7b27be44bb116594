package io.petwatch.gateway;

import io.petwatch.gateway.config.ConfigSource;
import io.petwatch.gateway.config.DetectionSettings;
import io.petwatch.gateway.config.GatewayConfig;
import io.petwatch.gateway.detect.DetectorParams;
import io.petwatch.gateway.replay.Replay;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.tinylog.Logger;

/** {@code replay FILE.csv [--config FILE]}: alerts as JSON lines on standard output, logs on standard error. */
final class ReplayMain {
    /** Some rows could not be used: they are listed on standard error, the rest were replayed. */
    static final int BAD_ROWS = 4;
    private ReplayMain() {
    }

    static int run(String[] args) {
        if (args.length != 2 && !(args.length == 4 && args[2].equals("--config"))) {
            Logger.error("Usage: petwatch-edge-gateway replay FILE.csv [--config gateway.properties]"
                    + " (FILE: collar_id,minute_start,activity[,steps,wear]; - reads standard input)");
            return 2;
        }
        try {
            ConfigSource source = ConfigSource.of(System.getenv(), System.getProperties(),
                    args.length == 4 ? Optional.of(Path.of(args[3])) : Optional.empty());
            GatewayConfig.rejectUnknownKeys(source);
            DetectorParams defaults = DetectionSettings.defaults(source);
            Map<String, DetectorParams> pets = DetectionSettings.perPet(source);
            ZoneId zone = ZoneId.of(source.get("petwatch.zone", ZoneId.systemDefault().getId()));
            Map<String, ZoneId> zones = DetectionSettings.zones(source);
            Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            try (Reader in = args[1].equals("-") ? new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)
                    : Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
                Replay.Report report = new Replay(source.get("petwatch.hub.id", "replay"), zone,
                        id -> zones.getOrDefault(id, zone), id -> pets.getOrDefault(id, defaults)).run(in, out);
                Logger.info("Replayed {} rows for {} collars: {} alerts, {} bad rows skipped", report.rows(),
                        report.collars(), report.alerts(), report.badRows());
                if (report.badRows() > 0) {
                    Logger.error("{} of {} rows were bad and skipped (listed above); the alerts above come from the"
                            + " good rows only", report.badRows(), report.rows() + report.badRows());
                    return BAD_ROWS;
                }
                return 0;
            }
        } catch (NoSuchFileException e) {
            Logger.error("No such input file: {}", e.getFile());
            return 2;
        } catch (IllegalArgumentException | DateTimeException e) {
            Logger.error("Invalid configuration: {}", e.getMessage());
            return 2;
        } catch (IOException | java.io.UncheckedIOException e) {
            Logger.error("Replay failed: {}", e.getMessage());
            return 1;
        }
    }
}
