package io.petwatch.gateway.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.petwatch.gateway.detect.AlertEvent;
import io.petwatch.gateway.detect.DayEvidence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Map;

/** Writes alerts as JSON lines, one object per line, as the gateway would have sent them. */
final class AlertJsonLines {
    private final Writer out;
    private final JsonFactory factory = new JsonFactory();

    AlertJsonLines(Writer out) {
        this.out = out;
    }

    void write(AlertEvent a) {
        try {
            JsonGenerator json = factory.createGenerator(out);
            json.writeStartObject();
            json.writeStringField("alert_id", a.alertId());
            json.writeStringField("collar_id", a.collarId());
            json.writeStringField("kind", a.kind().name());
            json.writeStringField("state", a.state().name());
            json.writeStringField("severity", a.severity().name());
            json.writeStringField("detected_at", Instant.ofEpochMilli(a.detectedAtMs()).toString());
            json.writeStringField("window_start", Instant.ofEpochMilli(a.windowStartMs()).toString());
            json.writeStringField("window_end", Instant.ofEpochMilli(a.windowEndMs()).toString());
            json.writeStringField("summary", a.summary());
            json.writeStringField("detector", a.detectorName() + "/" + a.detectorVersion());
            json.writeNumberField("activity_ratio", Math.round(a.activityRatio() * 1000) / 1000.0);
            json.writeNumberField("worn_coverage", Math.round(a.wornCoverage() * 1000) / 1000.0);
            json.writeObjectFieldStart("params");
            for (Map.Entry<String, String> p : a.params().entrySet()) {
                json.writeStringField(p.getKey(), p.getValue());
            }
            json.writeEndObject();
            if (!a.daily().isEmpty()) {
                json.writeArrayFieldStart("daily");
                for (DayEvidence day : a.daily()) {
                    json.writeStartObject();
                    json.writeStringField("day_start", Instant.ofEpochMilli(day.dayStartMs()).toString());
                    json.writeNumberField("activity", day.activity());
                    json.writeNumberField("worn_minutes", day.wornMinutes());
                    json.writeBooleanField("counted", day.counted());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.flush();
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write alert output", e);
        }
    }

    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write alert output", e);
        }
    }
}
