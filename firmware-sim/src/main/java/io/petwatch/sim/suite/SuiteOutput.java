package io.petwatch.sim.suite;

import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.sim.delivery.DeliveryReport;
import io.petwatch.sim.delivery.FleetPublisher;
import io.petwatch.sim.mqtt.CollarConnection;
import io.petwatch.sim.mqtt.PublishSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

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

    /**
     * Publishes every script's batches, collars in step, through the same paced, reconnecting path as the
     * simulation; undelivered batches are counted, not fatal.
     */
    public static DeliveryReport publish(List<CollarScript> scripts, PublishSettings settings) {
        long began = System.nanoTime();
        List<String> ids = scripts.stream().map(CollarScript::collarId).toList();
        List<CollarConnection> connections = settings.connectAll(ids, "sim-2.0", id -> 80);
        try {
            List<Supplier<Optional<TelemetryBatch>>> sources = new ArrayList<>();
            for (CollarScript s : scripts) {
                Iterator<TelemetryBatch> batches = s.batches().iterator();
                sources.add(() -> batches.hasNext() ? Optional.of(batches.next()) : Optional.empty());
            }
            return new FleetPublisher(connections, settings.pacer(), settings.deliveryTimeout()).publish(sources)
                    .took(Duration.ofNanos(System.nanoTime() - began));
        } finally {
            connections.forEach(CollarConnection::close);
        }
    }
}
