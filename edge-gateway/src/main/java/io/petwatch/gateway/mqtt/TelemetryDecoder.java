package io.petwatch.gateway.mqtt;

import com.google.protobuf.InvalidProtocolBufferException;
import io.petwatch.gateway.detect.CollarBatch;
import io.petwatch.gateway.detect.MinuteSample;
import io.petwatch.gateway.detect.Wear;
import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns a telemetry publish (topic and protobuf payload) into a batch the detectors can use. */
public final class TelemetryDecoder {
    /** A batch longer than a day of minutes is not something a collar sends. */
    static final int MAX_SAMPLES = 24 * 60;

    public Decoded decode(String topic, byte[] payload) {
        Optional<String> topicCollar = Topics.collarId(topic);
        if (topicCollar.isEmpty()) {
            return new Decoded.Malformed("topic '" + topic + "' is not a collar topic");
        }
        TelemetryBatch batch;
        try {
            batch = TelemetryBatch.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            return new Decoded.Malformed("payload on '" + topic + "' is not a TelemetryBatch: " + e.getMessage());
        }
        if (!batch.getCollarId().equals(topicCollar.get())) {
            return new Decoded.Malformed("payload collar_id '" + batch.getCollarId() + "' does not match topic collar '"
                    + topicCollar.get() + "'");
        }
        if (batch.getSamplesCount() > MAX_SAMPLES) {
            return new Decoded.Malformed("batch from '" + batch.getCollarId() + "' has " + batch.getSamplesCount()
                    + " samples, more than " + MAX_SAMPLES);
        }
        List<MinuteSample> samples = new ArrayList<>(batch.getSamplesCount());
        for (Sample s : batch.getSamplesList()) {
            samples.add(new MinuteSample(s.getMinuteStartMs(), s.getActivity(), s.getSteps(), wear(s)));
        }
        return new Decoded.Batch(new CollarBatch(batch.getCollarId(), batch.getSeq(), batch.getFirmware(),
                batch.getBatteryPct(), batch.getCharging(), samples));
    }

    private static Wear wear(Sample sample) {
        return switch (sample.getWear()) {
            case WORN -> Wear.WORN;
            case OFF_BODY -> Wear.OFF_BODY;
            case CHARGING -> Wear.CHARGING;
            // Values a newer firmware may add are treated as unknown, never as worn.
            case WEAR_UNKNOWN, UNRECOGNIZED -> Wear.UNKNOWN;
        };
    }
}
