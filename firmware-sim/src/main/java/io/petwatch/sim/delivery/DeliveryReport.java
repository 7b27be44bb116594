package io.petwatch.sim.delivery;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A run's delivery summary. {@link #published()} counts only batches the broker acknowledged with a success
 * reason code; everything else is undelivered, by status, per collar, and listed (up to a limit) with its reason.
 *
 * @param acknowledgedAfterReconnect acknowledged on a later connection than the one they were handed to (re-sent)
 * @param samples                    minutes of data in the acknowledged batches
 * @param undeliveredOmitted         undelivered batches beyond the listed ones
 * @param figures                    what the fleet publisher measured on the wire (none from the round publisher)
 */
public record DeliveryReport(int collars, long acknowledged, long acknowledgedAfterReconnect, long samples,
                             long refused, long failed, long notSent, long unconfirmed,
                             Map<String, Long> undeliveredByCollar, List<Delivery> undeliveredBatches,
                             long undeliveredOmitted, LinkStats links, long tookMs, PublishFigures figures) {

    public DeliveryReport {
        undeliveredByCollar = Collections.unmodifiableMap(new TreeMap<>(undeliveredByCollar)); // collars in order
        undeliveredBatches = List.copyOf(undeliveredBatches);
    }

    /** Without figures of the wire, as the round publisher reports. */
    public DeliveryReport(int collars, long acknowledged, long acknowledgedAfterReconnect, long samples,
                          long refused, long failed, long notSent, long unconfirmed,
                          Map<String, Long> undeliveredByCollar, List<Delivery> undeliveredBatches,
                          long undeliveredOmitted, LinkStats links, long tookMs) {
        this(collars, acknowledged, acknowledgedAfterReconnect, samples, refused, failed, notSent, unconfirmed,
                undeliveredByCollar, undeliveredBatches, undeliveredOmitted, links, tookMs, PublishFigures.NONE);
    }

    public static DeliveryReport empty(int collars) {
        return new DeliveryReport(collars, 0, 0, 0, 0, 0, 0, 0, Map.of(), List.of(), 0, LinkStats.NONE, 0);
    }

    /** The same counts over a run that took {@code took} (connecting and saying goodbye included). */
    public DeliveryReport took(Duration took) {
        return new DeliveryReport(collars, acknowledged, acknowledgedAfterReconnect, samples, refused, failed, notSent,
                unconfirmed, undeliveredByCollar, undeliveredBatches, undeliveredOmitted, links, took.toMillis(),
                figures);
    }

    /** The same counts with the figures the fleet publisher measured. */
    public DeliveryReport with(PublishFigures measured) {
        return new DeliveryReport(collars, acknowledged, acknowledgedAfterReconnect, samples, refused, failed, notSent,
                unconfirmed, undeliveredByCollar, undeliveredBatches, undeliveredOmitted, links, tookMs, measured);
    }

    /** Batches the broker acknowledged: what a chaos test may count on having reached the broker. */
    public long published() {
        return acknowledged;
    }

    public long undelivered() {
        return refused + failed + notSent + unconfirmed;
    }

    public long batches() {
        return acknowledged + undelivered();
    }

    public boolean allDelivered() {
        return undelivered() == 0;
    }

    /** The report as one JSON object, for scripts and chaos tests. */
    public String toJson() {
        StringJoiner byCollar = new StringJoiner(",", "{", "}");
        undeliveredByCollar.forEach((collar, n) -> byCollar.add(quote(collar) + ":" + n));
        StringJoiner listed = new StringJoiner(",", "[", "]");
        for (Delivery d : undeliveredBatches) {
            listed.add("{\"collar\":" + quote(d.collarId()) + ",\"seq\":" + d.seq() + ",\"status\":"
                    + quote(d.status().name()) + ",\"reason\":" + quote(d.reason()) + "}");
        }
        return "{\"collars\":" + collars + ",\"batches\":" + batches() + ",\"published\":" + published()
                + ",\"acknowledged\":" + acknowledged + ",\"acknowledgedAfterReconnect\":" + acknowledgedAfterReconnect
                + ",\"samples\":" + samples + ",\"undelivered\":" + undelivered() + ",\"refused\":" + refused
                + ",\"failed\":" + failed + ",\"notSent\":" + notSent + ",\"unconfirmed\":" + unconfirmed
                + ",\"undeliveredByCollar\":" + byCollar + ",\"undeliveredBatches\":" + listed
                + ",\"undeliveredOmitted\":" + undeliveredOmitted + ",\"reconnects\":" + links.reconnects()
                + ",\"disconnectedMs\":" + links.disconnectedMs() + ",\"longestDisconnectMs\":"
                + links.longestDisconnectMs() + ",\"tookMs\":" + tookMs + ",\"allDelivered\":" + allDelivered()
                + figures.jsonMembers() + "}";
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
