package io.petwatch.sim.suite;

import com.google.protobuf.InvalidProtocolBufferException;
import io.petwatch.proto.v1.TelemetryBatch;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

/** Bytes broken firmware sends on the telemetry topic: random garbage, or a batch cut short. Never a valid batch. */
final class MalformedPayloads {
    /** Field 0 with wire type 7: no protobuf parser accepts it, so garbage can never pass for a batch by chance. */
    private static final byte INVALID_TAG = 0x07;

    private final SplittableRandom random;

    MalformedPayloads(long seed) {
        this.random = new SplittableRandom(seed ^ 0xBAD5L);
    }

    record Raw(byte[] payload, String why) {
    }

    /** With probability {@code rate}, a malformed payload to send after {@code batch}. */
    Optional<Raw> after(TelemetryBatch batch, double rate) {
        if (random.nextDouble() >= rate) {
            return Optional.empty();
        }
        return Optional.of(random.nextBoolean() ? garbage() : truncated(batch));
    }

    private Raw garbage() {
        byte[] bytes = new byte[8 + random.nextInt(57)];
        random.nextBytes(bytes);
        bytes[0] = INVALID_TAG;
        return new Raw(bytes, "garbage: " + bytes.length + " random bytes");
    }

    private Raw truncated(TelemetryBatch batch) {
        byte[] whole = batch.toByteArray();
        int cut = Math.max(1, whole.length / 2 + random.nextInt(Math.max(1, whole.length / 2)));
        while (cut > 1 && parses(Arrays.copyOf(whole, cut))) {
            cut--; // a cut on a field boundary still parses: cut into the field before it
        }
        return new Raw(Arrays.copyOf(whole, cut), "truncated: " + cut + " of " + whole.length + " bytes of seq "
                + batch.getSeq());
    }

    static boolean parses(byte[] payload) {
        try {
            TelemetryBatch.parseFrom(payload);
            return true;
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }
}
