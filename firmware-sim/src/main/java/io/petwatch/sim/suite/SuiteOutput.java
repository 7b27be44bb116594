package io.petwatch.sim.suite;

import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.sim.mqtt.CollarConnection;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where a suite goes: labels as JSON lines, minute rows as CSV for the gateway's replay, or a live broker. */
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

    /** Publishes every script's batches, collars in step, at most {@code rate} batches a second. */
    public static long publish(List<CollarScript> scripts, URI broker, int rate) {
        List<List<TelemetryBatch>> batches = new ArrayList<>();
        List<CollarConnection> connections = new ArrayList<>();
        long published = 0;
        try {
            for (CollarScript s : scripts) {
                batches.add(s.batches());
                CollarConnection c = new CollarConnection(broker, s.collarId(), "sim-2.0", 80);
                c.connect("sim-2.0", 80);
                connections.add(c);
            }
            long began = System.nanoTime();
            for (int i = 0; ; i++) {
                List<CompletableFuture<?>> acks = new ArrayList<>();
                for (int c = 0; c < batches.size(); c++) {
                    if (i < batches.get(c).size()) {
                        acks.add(connections.get(c).publish(batches.get(c).get(i)));
                    }
                }
                if (acks.isEmpty()) {
                    return published;
                }
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
                published += acks.size();
                long wait = (began + published * 1_000_000_000L / rate - System.nanoTime()) / 1_000_000L;
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("publishing interrupted", e);
        } finally {
            connections.forEach(CollarConnection::close);
        }
    }
}
