package io.petwatch.gateway.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where gateway settings come from, highest precedence first: Java system properties
 * ({@code -Dpetwatch.hub.id=...}), environment variables ({@code PETWATCH_HUB_ID}), a properties file, defaults.
 */
public final class ConfigSource {
    private final Map<String, String> values;

    private ConfigSource(Map<String, String> values) {
        this.values = values;
    }

    public static ConfigSource of(Map<String, String> env, Properties systemProperties, Optional<Path> file) {
        Map<String, String> merged = new HashMap<>();
        file.ifPresent(f -> load(f).forEach((k, v) -> merged.put(k.toString(), v.toString().trim())));
        env.forEach((k, v) -> {
            if (k.startsWith("PETWATCH_")) {
                merged.put(propertyName(k), v);
            }
        });
        systemProperties.stringPropertyNames().stream().filter(k -> k.startsWith("petwatch."))
                .forEach(k -> merged.put(k, systemProperties.getProperty(k)));
        return new ConfigSource(merged);
    }

    public static ConfigSource of(Map<String, String> values) {
        return new ConfigSource(Map.copyOf(values));
    }

    /** PETWATCH_LOW_ACTIVITY_WINDOW_HOURS names petwatch.low-activity.window-hours: see {@link GatewayConfig}. */
    static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String propertyName(String env) {
        String lower = env.toLowerCase(Locale.ROOT);
        for (String key : GatewayConfig.allKeys()) {
            if (envName(key).toLowerCase(Locale.ROOT).equals(lower)) {
                return key;
            }
        }
        return lower.replace('_', '.');
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read gateway config file " + file + ": " + e.getMessage(), e);
        }
        return properties;
    }

    /** Every key this source holds a value for. */
    public java.util.Set<String> keys() {
        return java.util.Set.copyOf(values.keySet());
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    public String require(String key) {
        return get(key).orElseThrow(() -> new IllegalArgumentException(
                key + " is required (set -D" + key + " or the environment variable " + envName(key) + ")"));
    }

    public String get(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    public int getInt(String key, int fallback) {
        return get(key).map(v -> parse(key, v, Integer::parseInt, "an integer")).orElse(fallback);
    }

    public double getDouble(String key, double fallback) {
        return get(key).map(v -> parse(key, v, Double::parseDouble, "a number")).orElse(fallback);
    }

    private static <T> T parse(String key, String value, java.util.function.Function<String, T> parser, String what) {
        try {
            return parser.apply(value.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be " + what + ", was '" + value + "'", e);
        }
    }
}
