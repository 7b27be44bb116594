package io.petwatch.sim.suite;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ground truth for one episode or fault of one collar, as written to the labels file.
 *
 * @param kind    lethargy, decline, restless, restless_isolated, collar_off, charging, battery_dead or stuck (the
 *                scored suite's); activity, firmware_rollout, offline, reboot, duplicates, out_of_order, late_day,
 *                malformed, broker_restart or reconnect_storm (scenario files')
 * @param details what else the fault was (e.g. {@code will: true}), in the order given; Strings, Numbers or Booleans
 */
public record Label(String collar, String kind, Instant start, Instant end, Map<String, Object> details) {
    public Label {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public Label(String collar, String kind, Instant start, Instant end) {
        this(collar, kind, start, end, Map.of());
    }

    /** Kinds that are illness: a health alert should follow. */
    public boolean health() {
        return kind.equals("lethargy") || kind.equals("decline") || kind.equals("restless");
    }

    public String json() {
        StringBuilder json = new StringBuilder(String.format("{\"collar\":%s,\"kind\":%s,\"start\":\"%s\",\"end\":\"%s\"",
                quoted(collar), quoted(kind), start, end));
        details.forEach((key, value) -> json.append(',').append(quoted(key)).append(':')
                .append(value instanceof String s ? quoted(s) : String.valueOf(value)));
        return json.append('}').toString();
    }

    private static String quoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
