package io.petwatch.evaluation.realdata;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One alert line of the replay command's output, with the fields the score needs. */
public record ReplayedAlert(String collarId, String kind, String state, String severity, long detectedAtMs,
                            long windowStartMs, double ratio, double coverage, String summary) {

    static ReplayedAlert of(JsonNode line) {
        return new ReplayedAlert(line.path("collar_id").asText(), line.path("kind").asText(),
                line.path("state").asText(), line.path("severity").asText(), ms(line, "detected_at"),
                ms(line, "window_start"), line.path("activity_ratio").asDouble(), line.path("worn_coverage").asDouble(),
                line.path("summary").asText());
    }

    private static long ms(JsonNode line, String field) {
        return Instant.parse(line.path(field).asText()).toEpochMilli();
    }

    public boolean firing() {
        return state.equals("FIRING");
    }

    public boolean health() {
        return kind.equals("LOW_ACTIVITY") || kind.equals("RESTLESS_NIGHTS");
    }

    /** A month's slow decline (the hub's drift rule): neither a device fault nor the lethargy or restlessness scored here. */
    public boolean drift() {
        return kind.equals("ACTIVITY_DRIFT");
    }

    public boolean device() {
        return !health() && !drift();
    }

    /** One key per episode: escalations of the same episode (a new severity) are not new detections. */
    String episodeKey() {
        return collarId + "|" + kind + "|" + windowStartMs;
    }
}
