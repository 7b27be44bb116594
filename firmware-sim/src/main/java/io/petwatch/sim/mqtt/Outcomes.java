package io.petwatch.sim.mqtt;

import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.sim.delivery.Delivery;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns the HiveMQ client's answers into deliveries and readable reasons. */
final class Outcomes {
    private Outcomes() {
    }

    static Delivery of(String collarId, TelemetryBatch batch, Mqtt5PublishResult result, Throwable error,
                       boolean afterReconnect) {
        Throwable cause = unwrap(error != null ? error : result.getError().orElse(null));
        if (cause == null) {
            return Delivery.acknowledged(collarId, batch.getSeq(), batch.getSamplesCount(), afterReconnect);
        }
        Delivery.Status status = cause instanceof Mqtt5PubAckException ? Delivery.Status.REFUSED
                : Delivery.Status.FAILED;
        return Delivery.undelivered(collarId, batch.getSeq(), batch.getSamplesCount(), status, describe(cause));
    }

    /** A reason a person can act on: the broker's reason code where there is one. */
    static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause == null) {
            return "no reason given";
        }
        if (cause instanceof Mqtt5PubAckException refused) {
            Mqtt5PubAck ack = refused.getMqttMessage();
            return "refused by the broker: " + ack.getReasonCode()
                    + ack.getReasonString().map(r -> " (" + r + ")").orElse("");
        }
        if (cause instanceof Mqtt5ConnAckException refused) {
            return "refused by the broker: " + refused.getMqttMessage().getReasonCode()
                    + refused.getMqttMessage().getReasonString().map(r -> " (" + r + ")").orElse("");
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return root.getClass().getSimpleName() + message;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
