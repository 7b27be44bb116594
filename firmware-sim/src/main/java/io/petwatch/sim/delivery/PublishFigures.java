package io.petwatch.sim.delivery;

import java.util.Locale;

/**
 * What the fleet publisher measured on the wire, beside what became of each batch.
 *
 * @param collarsConnected     collars whose first connection succeeded
 * @param connectFailures      connection attempts that failed (first ones, and reconnects after a drop or an outage)
 * @param sent                 batches handed to the MQTT client (re-sends by the client itself not counted again)
 * @param malformedSent        payloads that are not a batch (scripted broken firmware), acknowledged by the broker
 * @param malformedUndelivered such payloads the broker did not acknowledge
 * @param drops                scripted connection drops
 * @param ackLatencyMs         publish to PUBACK of acknowledged batches
 * @param connectMs            CONNECT to CONNACK: first connections, and reconnects after a scripted drop
 * @param connectRate          first connections a second, over the connect phase
 * @param reconnectRate        reconnects after scripted drops a second, from the first asked to the last made
 * @param publishRate          batches sent a second, from the first to the last
 * @param ackRate              batches acknowledged a second, from the first sent to the last acknowledged
 * @param connectPhaseMs       how long connecting the fleet took
 * @param playMs               how long playing the actions took, answers to the last batches included
 */
public record PublishFigures(long collarsConnected, long connectFailures, long sent, long malformedSent,
                             long malformedUndelivered, long drops, Percentiles ackLatencyMs, Percentiles connectMs,
                             double connectRate, double reconnectRate, double publishRate, double ackRate,
                             long connectPhaseMs, long playMs) {
    public static final PublishFigures NONE = new PublishFigures(0, 0, 0, 0, 0, 0, Percentiles.NONE, Percentiles.NONE,
            0, 0, 0, 0, 0, 0);

    /** The figures as JSON members, to follow the delivery report's own (starts with a comma). */
    String jsonMembers() {
        return String.format(Locale.ROOT, ",\"collarsConnected\":%d,\"connectFailures\":%d,\"sent\":%d,"
                        + "\"malformedSent\":%d,\"malformedUndelivered\":%d,\"drops\":%d,\"ackLatencyMs\":%s,"
                        + "\"connectMs\":%s,\"connectRate\":%.1f,\"reconnectRate\":%.1f,\"publishRate\":%.1f,"
                        + "\"ackRate\":%.1f,\"connectPhaseMs\":%d,\"playMs\":%d",
                collarsConnected, connectFailures, sent, malformedSent, malformedUndelivered, drops,
                ackLatencyMs.toJson(), connectMs.toJson(), connectRate, reconnectRate, publishRate, ackRate,
                connectPhaseMs, playMs);
    }
}
