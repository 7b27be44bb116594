package io.petwatch.gateway.mqtt;

import com.google.protobuf.InvalidProtocolBufferException;
import io.petwatch.gateway.detect.CollarText;
import io.petwatch.proto.v1.CollarStatus;
import java.util.Optional;

/** Turns a collar's retained status (or will) message into a {@link CollarStatus}, or counts why not. */
public final class StatusDecoder {
    private final MalformedInputLog malformed;

    public StatusDecoder(MalformedInputLog malformed) {
        this.malformed = malformed;
    }

    /** The status, if the payload is one for the collar its topic names; empty for a cleared retained status. */
    public Optional<CollarStatus> decode(String topic, byte[] payload) {
        if (payload.length == 0) {
            return Optional.empty();
        }
        try {
            CollarStatus status = CollarStatus.parseFrom(payload);
            if (!Topics.collarId(topic).orElse("").equals(status.getCollarId())) {
                malformed.record(new Decoded.Malformed("topic-mismatch", "status collar_id '"
                        + CollarText.clean(status.getCollarId(), 80) + "' does not match topic '"
                        + CollarText.clean(topic, 120) + "'"));
                return Optional.empty();
            }
            return Optional.of(status);
        } catch (InvalidProtocolBufferException e) {
            malformed.record(new Decoded.Malformed("not-protobuf", "payload on '" + CollarText.clean(topic, 120)
                    + "' is not a CollarStatus: " + e.getMessage()));
            return Optional.empty();
        }
    }
}
