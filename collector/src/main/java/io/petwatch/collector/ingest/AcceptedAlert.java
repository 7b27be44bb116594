package io.petwatch.collector.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An alert waiting for triage, as triage needs it: a collar's alert from a hub, or a trigger detection raised from
 * one of the retailer's signals (source other than {@code hub}: a customer and a subject instead of a collar).
 *
 * @param collarId       the collar; null for a retail trigger (use {@link #trigger()})
 * @param collarFirmware the firmware the collar reported with the alert, for the fleet-storm check
 * @param hubModel       the model of the hub that uploaded it, for the same check
 * @param source         {@code hub}, or the signal's source (stripe, easypost, aftership, survey)
 * @param customerId     a trigger's customer (a collar's alert finds its owner through the collar)
 * @param subject        a trigger's subject: a subscription, a tracking code, a survey response
 * @param params         the detector's parameters as text, which a trigger's scripts use (detector_params)
 */
public record AcceptedAlert(String alertId, String collarId, String kind, String state, String severity,
                            Instant episodeStart, Instant windowEnd, Instant detectedAt, double activityRatio,
                            String summary, Optional<String> collarFirmware, Optional<String> hubModel,
                            String source, Optional<String> customerId, Optional<String> subject,
                            Map<String, String> params) {
    public static final String HUB = "hub";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The columns {@link #fromRow} reads, in its order. */
    public static final String COLUMNS = """
            alert_id, collar_id, kind, state, severity, window_start, window_end, detected_at, activity_ratio, summary,
            collar_firmware, hub_model, source, customer_id, subject, detector_params::text""";

    public AcceptedAlert {
        params = Map.copyOf(params);
    }

    /** A collar's alert as a hub uploaded it. */
    public AcceptedAlert(String alertId, String collarId, String kind, String state, String severity,
                         Instant episodeStart, Instant windowEnd, Instant detectedAt, double activityRatio,
                         String summary, Optional<String> collarFirmware, Optional<String> hubModel) {
        this(alertId, collarId, kind, state, severity, episodeStart, windowEnd, detectedAt, activityRatio, summary,
                collarFirmware, hubModel, HUB, Optional.empty(), Optional.empty(), Map.of());
    }

    public static AcceptedAlert fromRow(ResultSet rs) throws SQLException {
        return new AcceptedAlert(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(),
                rs.getDouble(9), rs.getString(10), Optional.ofNullable(rs.getString(11)),
                Optional.ofNullable(rs.getString(12)), rs.getString(13), Optional.ofNullable(rs.getString(14)),
                Optional.ofNullable(rs.getString(15)), paramsFromJson(rs.getString(1), rs.getString(16)));
    }

    /**
     * The parameters as text: strings as they are, numbers and booleans as written, anything nested as its JSON.
     * A collar's params are strings already; a trigger's may be numbers (retries_left: 2).
     */
    public static Map<String, String> paramsFromJson(String alertId, String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            Map<String, String> out = new LinkedHashMap<>();
            JsonNode node = JSON.readTree(json);
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
                }
            });
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("detector_params of alert " + alertId + " are not JSON", e);
        }
    }

    public boolean firing() {
        return "FIRING".equals(state);
    }

    /** A trigger raised from a retail signal, about a customer's subject rather than a collar. */
    public boolean trigger() {
        return !HUB.equals(source);
    }

    /** Hours of evidence behind the alert, as the owner will read them. */
    public long windowHours() {
        return Duration.between(episodeStart, windowEnd).toHours();
    }
}
