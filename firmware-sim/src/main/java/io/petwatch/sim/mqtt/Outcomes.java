package io.petwatch.sim.mqtt;

import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import io.petwatch.proto.v1.TelemetryBatch;
import io.petwatch.sim.delivery.Delivery;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/** Turns the HiveMQ client's answers into deliveries and readable reasons. */
final class Outcomes {
    private Outcomes() {
    }

    static Delivery of(String collarId, TelemetryBatch batch, Mqtt5PublishResult result, Throwable error,
                       boolean afterReconnect) {
        return of(collarId, batch.getSeq(), batch.getSamplesCount(), result, error, afterReconnect);
    }

    /** What became of a publish of {@code samples} minutes as {@code seq} (0 and 0 for a payload that is no batch). */
    static Delivery of(String collarId, long seq, int samples, Mqtt5PublishResult result, Throwable error,
                       boolean afterReconnect) {
        Throwable cause = unwrap(error != null ? error : result.getError().orElse(null));
        if (cause == null) {
            return Delivery.acknowledged(collarId, seq, samples, afterReconnect);
        }
        Delivery.Status status = cause instanceof Mqtt5PubAckException ? Delivery.Status.REFUSED
                : Delivery.Status.FAILED;
        return Delivery.undelivered(collarId, seq, samples, status, describe(cause));
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
        Optional<SSLException> tls = Optional.empty();
        while (true) {
            if (root instanceof SSLException ssl && tls.isEmpty()) {
                tls = Optional.of(ssl);
            }
            if (root.getCause() == null || root.getCause() == root) {
                break;
            }
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        String detail = root.getClass().getSimpleName() + message;
        return tls.map(ssl -> tlsFailure(ssl, detail)).orElse(detail);
    }

    /** A failed TLS handshake, said in terms of the options that fix it. */
    private static String tlsFailure(SSLException ssl, String detail) {
        String text = (ssl.getMessage() + " " + detail).toLowerCase(Locale.ROOT);
        if (text.contains("certification path") || text.contains("pkix") || text.contains("unable to find valid")) {
            return "TLS handshake failed: the broker's certificate is not signed by a CA this collar trusts (check"
                    + " --tls-ca): " + detail;
        }
        if (text.contains("no subject alternative") || text.contains("no name matching")) {
            return "TLS handshake failed: the broker's certificate does not name the host in --broker: " + detail;
        }
        if (text.contains("certificate_required")) {
            return "TLS handshake failed: the broker wants a client certificate (give --tls-cert and --tls-key): "
                    + detail;
        }
        if (text.contains("bad_certificate") || text.contains("unknown_ca") || text.contains("certificate_unknown")) {
            return "TLS handshake failed: the broker refused this collar's certificate (check --tls-cert and"
                    + " --tls-key): " + detail;
        }
        return "TLS handshake failed: " + detail;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
