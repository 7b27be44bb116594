package io.petwatch.sim.suite;

import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where a suite goes besides a broker: labels as JSON lines, minute rows as CSV for the gateway's replay, zones. */
public final class SuiteOutput {
    private SuiteOutput() {
    }

    public static void writeLabels(List<CollarScript> scripts, Path path) {
        try (BufferedWriter out = Files.newBufferedWriter(path)) {
            for (CollarScript s : scripts) {
                for (Label l : s.labels()) {
                    out.write(l.json());
                    out.newLine();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write labels to " + path, e);
        }
    }

    /** Each collar's household zone as gateway settings (petwatch.pets.ID.zone), for the replay's --config. */
    public static void writeZones(List<CollarScript> scripts, Path path) {
        try (BufferedWriter out = Files.newBufferedWriter(path)) {
            out.write("# Household zones of the scenario suite's collars, for: petwatch-edge-gateway replay FILE --config THIS");
            out.newLine();
            for (CollarScript s : scripts) {
                out.write("petwatch.pets." + s.collarId() + ".zone=" + s.zone().getId());
                out.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write zones to " + path, e);
        }
    }

    /** collar_id,minute_start,activity,steps,wear, in delivery order (resent and late batches included). */
    public static long writeCsv(List<CollarScript> scripts, Path path) {
        long rows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(path)) {
            out.write("collar_id,minute_start,activity,steps,wear");
            out.newLine();
            for (CollarScript s : scripts) {
                for (TelemetryBatch b : s.batches()) {
                    for (Sample m : b.getSamplesList()) {
                        out.write(s.collarId() + ',' + m.getMinuteStartMs() + ',' + m.getActivity() + ','
                                + m.getSteps() + ',' + m.getWear().name());
                        out.newLine();
                        rows++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CSV to " + path, e);
        }
        return rows;
    }
}
