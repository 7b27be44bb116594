package io.petwatch.gateway.config;

import io.petwatch.gateway.detect.DetectorParams;
import io.petwatch.gateway.detect.DeviceParams;
import io.petwatch.gateway.detect.DriftParams;
import io.petwatch.gateway.detect.LowActivityParams;
import io.petwatch.gateway.detect.RestlessnessParams;
import io.petwatch.gateway.detect.WearParams;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads every detector's tuning: hub-wide under {@code petwatch.}, and per pet under
 * {@code petwatch.pets.<collar-id>.} with the same keys (per-pet keys go in the config file or -D properties:
 * environment variable names cannot carry a collar id's dashes). {@code sensitivity} (low, normal, high) moves a
 * pet's health thresholds together; explicit keys win over it.
 */
public final class DetectionSettings {
    static final String PETS = "petwatch.pets.";
    static final List<String> KEYS = List.of("sensitivity", "zone",
            "low-activity.window-hours", "low-activity.low-ratio", "low-activity.resolve-ratio",
            "low-activity.min-coverage", "low-activity.baseline-days", "low-activity.min-baseline-days",
            "restlessness.rest-hours", "restlessness.active-multiple", "restlessness.min-extra-minutes",
            "restlessness.min-ratio", "restlessness.mad-factor", "restlessness.min-coverage",
            "restlessness.baseline-nights", "restlessness.min-baseline-nights", "restlessness.resolve-nights",
            "device.collar-off-hours", "device.silent-hours", "device.offline-hours", "device.battery-low-pct", "device.battery-resolve-pct",
            "wear.zero-run-minutes", "wear.stuck-minutes",
            "drift.window-days", "drift.baseline-days", "drift.recent-days", "drift.drop-ratio", "drift.resolve-ratio",
            "drift.min-day-coverage", "drift.min-used-share");

    private DetectionSettings() {
    }

    /** The hub-wide defaults. */
    public static DetectorParams defaults(ConfigSource source) {
        return read("petwatch.", key -> source.get("petwatch." + key));
    }

    /** Per-pet parameters for every collar named under petwatch.pets, each validated now. */
    public static Map<String, DetectorParams> perPet(ConfigSource source) {
        Map<String, Map<String, String>> byCollar = new TreeMap<>();
        for (String key : source.keys()) {
            if (!key.startsWith(PETS)) {
                continue;
            }
            String rest = key.substring(PETS.length());
            String setting = KEYS.stream().filter(k -> rest.endsWith("." + k)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(key + " is not a per-pet setting; per-pet keys are "
                            + PETS + "<collar-id>.<one of " + KEYS + ">"));
            String collar = rest.substring(0, rest.length() - setting.length() - 1);
            byCollar.computeIfAbsent(collar, c -> new TreeMap<>()).put(setting, source.get(key).orElse(""));
        }
        Map<String, DetectorParams> params = new TreeMap<>();
        byCollar.forEach((collar, overrides) -> {
            try {
                params.put(collar, read(PETS + collar + ".", key -> Optional.ofNullable(overrides.get(key))
                        .filter(v -> !v.isBlank()).or(() -> source.get("petwatch." + key))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pet " + collar + ": " + e.getMessage(), e);
            }
        });
        return params;
    }

    /** Per-pet household zones (petwatch.pets.ID.zone), for hubs or replays that serve several households. */
    public static Map<String, java.time.ZoneId> zones(ConfigSource source) {
        Map<String, java.time.ZoneId> zones = new TreeMap<>();
        for (String key : source.keys()) {
            if (key.startsWith(PETS) && key.endsWith(".zone")) {
                String collar = key.substring(PETS.length(), key.length() - ".zone".length());
                String value = source.get(key).orElse("");
                try {
                    zones.put(collar, java.time.ZoneId.of(value.trim()));
                } catch (java.time.DateTimeException e) {
                    throw new IllegalArgumentException(key + " must be a time-zone id such as Europe/Paris, was '"
                            + value + "'", e);
                }
            }
        }
        return zones;
    }

    private static DetectorParams read(String prefix, Function<String, Optional<String>> value) {
        Reader r = new Reader(prefix, value);
        String sensitivity = r.text("sensitivity", "normal").toLowerCase(Locale.ROOT);
        double low = switch (sensitivity) {
            case "high" -> 0.6;
            case "normal" -> 0.5;
            case "low" -> 0.4;
            default -> throw new IllegalArgumentException(prefix + "sensitivity must be low, normal or high, was '"
                    + sensitivity + "'");
        };
        LowActivityParams la = LowActivityParams.defaults();
        RestlessnessParams rn = RestlessnessParams.defaults();
        DeviceParams dv = DeviceParams.defaults();
        WearParams wr = WearParams.defaults();
        DriftParams dr = DriftParams.defaults();
        double restRatio = rn.minRatio() * 0.5 / low;
        double lowRatio = r.number("low-activity.low-ratio", low);
        try {
            return params(r, lowRatio, la, rn, dv, wr, restRatio, low, drift(r, dr));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(r.keyed(e.getMessage()), e);
        }
    }

    private static DriftParams drift(Reader r, DriftParams dr) {
        return new DriftParams(r.integer("drift.window-days", dr.windowDays()),
                r.integer("drift.baseline-days", dr.baselineDays()),
                r.integer("drift.recent-days", dr.recentDays()),
                r.number("drift.drop-ratio", dr.dropRatio()),
                r.number("drift.resolve-ratio", dr.resolveRatio()),
                r.number("drift.min-day-coverage", dr.minDayCoverage()),
                r.number("drift.min-used-share", dr.minUsedShare()));
    }

    private static DetectorParams params(Reader r, double lowRatio, LowActivityParams la, RestlessnessParams rn,
                                         DeviceParams dv, WearParams wr, double restRatio, double low,
                                         DriftParams drift) {
        // The resolve ratio follows the low ratio actually set, so setting only low-ratio never trips the
        // hysteresis check on a key the user did not set.
        double resolve = Math.min(lowRatio + 0.25, Math.max(0.95, lowRatio + 0.05));
        return new DetectorParams(
                new LowActivityParams(r.integer("low-activity.window-hours", la.windowHours()),
                        lowRatio,
                        r.number("low-activity.resolve-ratio", resolve),
                        r.number("low-activity.min-coverage", la.minCoverage()),
                        r.integer("low-activity.baseline-days", la.baselineDays()),
                        r.integer("low-activity.min-baseline-days", la.minBaselineDays()),
                        la.minWornMinutesPerHour()),
                new RestlessnessParams(r.integer("restlessness.rest-hours", rn.restHours()),
                        r.number("restlessness.active-multiple", rn.activeMultiple()),
                        r.integer("restlessness.min-extra-minutes", (int) Math.round(rn.minExtraMinutes() * 0.5 / low)),
                        r.number("restlessness.min-ratio", Math.max(1.0, restRatio)),
                        r.number("restlessness.mad-factor", rn.madFactor()),
                        r.number("restlessness.min-coverage", rn.minCoverage()),
                        r.integer("restlessness.baseline-nights", rn.baselineNights()),
                        r.integer("restlessness.min-baseline-nights", rn.minBaselineNights()),
                        r.integer("restlessness.resolve-nights", rn.resolveNights())),
                new DeviceParams(r.integer("device.collar-off-hours", dv.collarOffHours()),
                        r.integer("device.silent-hours", dv.silentHours()),
                        r.integer("device.offline-hours", dv.offlineHours()),
                        r.integer("device.battery-low-pct", dv.batteryLowPct()),
                        r.integer("device.battery-resolve-pct", dv.batteryResolvePct())),
                new WearParams(r.integer("wear.zero-run-minutes", wr.zeroRunMinutes()),
                        r.integer("wear.stuck-minutes", wr.stuckMinutes())),
                drift);
    }

    /** Typed reads with the key named in every error. */
    private record Reader(String prefix, Function<String, Optional<String>> value) {
        /**
         * A parameter record's message ("low-activity: lowRatio must be ...") in the words of the config file
         * ("petwatch.low-activity.low-ratio must be ..."), so the error names the key to change.
         */
        String keyed(String message) {
            String out = message;
            for (String key : KEYS) {
                int dot = key.indexOf('.');
                if (dot < 0 || !message.startsWith(key.substring(0, dot) + ": ")) {
                    continue;
                }
                String field = camel(key.substring(dot + 1));
                out = out.replaceAll("\\b" + field + "\\b", prefix + key);
            }
            int colon = out.indexOf(": ");
            return colon > 0 && KEYS.stream().anyMatch(k -> k.startsWith(message.substring(0, colon) + "."))
                    ? out.substring(colon + 2) : out;
        }

        private static String camel(String kebab) {
            StringBuilder out = new StringBuilder();
            boolean upper = false;
            for (char c : kebab.toCharArray()) {
                if (c == '-') {
                    upper = true;
                } else {
                    out.append(upper ? Character.toUpperCase(c) : c);
                    upper = false;
                }
            }
            return out.toString();
        }

        String text(String key, String fallback) {
            return value.apply(key).orElse(fallback).trim();
        }

        int integer(String key, int fallback) {
            return value.apply(key).map(v -> parse(prefix + key, v, Integer::parseInt, "a whole number"))
                    .orElse(fallback);
        }

        double number(String key, double fallback) {
            return value.apply(key).map(v -> parse(prefix + key, v, Double::parseDouble, "a number")).orElse(fallback);
        }

        private static <T> T parse(String key, String v, Function<String, T> parser, String what) {
            try {
                return parser.apply(v.trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(key + " must be " + what + ", was '" + v + "'", e);
            }
        }
    }
}
