package io.petwatch.gateway.mqtt;

import com.google.protobuf.InvalidProtocolBufferException;
import io.petwatch.gateway.detect.CollarBatch;
import io.petwatch.gateway.detect.CollarText;
import io.petwatch.gateway.detect.MinuteSample;
import io.petwatch.gateway.detect.Wear;
import io.petwatch.proto.v1.Sample;
import io.petwatch.proto.v1.TelemetryBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns a telemetry publish (topic and protobuf payload) into a batch the detectors can use, or says why not. */
public final class TelemetryDecoder {
    /** A batch longer than a day of minutes is not something a collar sends. */
    static final int MAX_SAMPLES = 24 * 60;
    /** Bigger than a day of minutes with every field set: not a collar's batch. */
    static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    /** Activity counts and steps per minute above this are sensor garbage, on any device scale in use. */
    static final long MAX_COUNT = 1_000_000;
    /** 2000-01-01 and 2100-01-01: a minute outside is a broken clock, not data. */
    static final long MIN_TIME_MS = 946_684_800_000L;
    static final long MAX_TIME_MS = 4_102_444_800_000L;

    public Decoded decode(String topic, byte[] payload) {
        Optional<String> topicCollar = Topics.collarId(topic);
        if (topicCollar.isEmpty()) {
            return new Decoded.Malformed("topic-mismatch", "topic '" + topic + "' is not a collar topic");
        }
        if (!CollarText.validCollarId(topicCollar.get())) {
            return new Decoded.Malformed("bad-collar-id", "collar id on '" + CollarText.clean(topic, 120)
                    + "' is not 1 to 64 letters, digits, '.', '_', ':' or '-'");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return new Decoded.Malformed("oversized", "payload on '" + topic + "' has " + payload.length + " bytes");
        }
        TelemetryBatch batch;
        try {
            batch = TelemetryBatch.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            return new Decoded.Malformed("not-protobuf", "payload on '" + topic + "' is not a TelemetryBatch: "
                    + e.getMessage());
        }
        if (!batch.getCollarId().equals(topicCollar.get())) {
            return new Decoded.Malformed("topic-mismatch", "payload collar_id '" + batch.getCollarId()
                    + "' does not match topic collar '" + topicCollar.get() + "'");
        }
        if (batch.getSamplesCount() > MAX_SAMPLES) {
            return new Decoded.Malformed("oversized", "batch from '" + batch.getCollarId() + "' has "
                    + batch.getSamplesCount() + " samples, more than " + MAX_SAMPLES);
        }
        List<MinuteSample> samples = new ArrayList<>(batch.getSamplesCount());
        for (Sample s : batch.getSamplesList()) {
            // uint32 arrives in a Java int: read it unsigned before judging it.
            long activity = Integer.toUnsignedLong(s.getActivity());
            long steps = Integer.toUnsignedLong(s.getSteps());
            if (activity > MAX_COUNT || steps > MAX_COUNT) {
                return new Decoded.Malformed("absurd-count", "batch from '" + batch.getCollarId()
                        + "' has an activity or step count of " + Math.max(activity, steps));
            }
            if (s.getMinuteStartMs() < MIN_TIME_MS || s.getMinuteStartMs() > MAX_TIME_MS) {
                return new Decoded.Malformed("absurd-timestamp", "batch from '" + batch.getCollarId()
                        + "' has a minute stamped " + s.getMinuteStartMs() + " ms");
            }
            samples.add(new MinuteSample(s.getMinuteStartMs(), (int) activity, (int) steps, wear(s)));
        }
        // Free text from a collar is cleaned here, so nothing downstream ever carries a control character.
        return new Decoded.Batch(new CollarBatch(batch.getCollarId(), batch.getSeq(),
                CollarText.clean(batch.getFirmware(), CollarText.MAX_FIRMWARE),
                Math.min(100, batch.getBatteryPct()), batch.getCharging(), samples));
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
