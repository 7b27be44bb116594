package io.petwatch.gateway.mqtt;

import io.petwatch.gateway.detect.CollarBatch;
import java.util.Optional;

/**
 * Everything between an MQTT payload and detection: decode, then admit the collar (see {@link CollarAdmission}).
 * Payloads that cannot be used are counted and logged by reason and go no further. Not thread-safe: the detection
 * worker is its only user.
 */
public final class TelemetryPipeline {
    /**
     * A batch for detection.
     *
     * @param reclaimed a silent collar whose slot this batch's collar took: its state is to be forgotten
     */
    public record Admitted(CollarBatch batch, Optional<String> reclaimed) {
    }

    private final TelemetryDecoder decoder = new TelemetryDecoder();
    private final CollarAdmission admission;
    private final MalformedInputLog malformed;

    public TelemetryPipeline(CollarAdmission admission, MalformedInputLog malformed) {
        this.admission = admission;
        this.malformed = malformed;
    }

    /** The batch for detection, if the payload is one from an admitted collar; taken at hub time {@code wallMs}. */
    public Optional<Admitted> accept(String topic, byte[] payload, long wallMs) {
        Decoded decoded = decoder.decode(topic, payload);
        if (decoded instanceof Decoded.Malformed m) {
            malformed.record(m);
            return Optional.empty();
        }
        CollarBatch batch = ((Decoded.Batch) decoded).batch();
        CollarAdmission.Verdict verdict = admission.admit(batch, wallMs);
        if (verdict instanceof CollarAdmission.Verdict.Refused refused) {
            malformed.record(refused.why());
            return Optional.empty();
        }
        return Optional.of(new Admitted(batch, ((CollarAdmission.Verdict.Admitted) verdict).reclaimed()));
    }

    /** Decodes without admission: a journal replay of a batch that was admitted when it arrived. */
    public Optional<CollarBatch> decode(String collarId, byte[] payload) {
        return decoder.decode(Topics.telemetry(collarId), payload) instanceof Decoded.Batch b
                ? Optional.of(b.batch()) : Optional.empty();
    }

    public CollarAdmission admission() {
        return admission;
    }
}
