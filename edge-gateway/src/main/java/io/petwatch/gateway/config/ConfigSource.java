package io.petwatch.gateway.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Where gateway settings come from, highest precedence first: Java system properties
 * ({@code -Dpetwatch.hub.id=...}), environment variables ({@code PETWATCH_HUB_ID}), a properties file, defaults.
 */
public final class ConfigSource {
    private final Map<String, String> values;
    /** Keys a person typed (file, -D): a misspelt one is an error. Environment names are not: see {@link #unknownKeys}. */
    private final Set<String> typed;

    private ConfigSource(Map<String, String> values, Set<String> typed) {
        this.values = values;
        this.typed = typed;
    }

    public static ConfigSource of(Map<String, String> env, Properties systemProperties, Optional<Path> file) {
        Map<String, String> merged = new HashMap<>();
        Set<String> typed = new TreeSet<>();
        file.ifPresent(f -> load(f).forEach((k, v) -> {
            merged.put(k.toString(), v.toString().trim());
            typed.add(k.toString());
        }));
        env.forEach((k, v) -> {
            if (k.startsWith("PETWATCH_")) {
                merged.put(propertyName(k), v);
            }
        });
        systemProperties.stringPropertyNames().stream().filter(k -> k.startsWith("petwatch."))
                .forEach(k -> {
                    merged.put(k, systemProperties.getProperty(k));
                    typed.add(k);
                });
        return new ConfigSource(merged, Set.copyOf(typed));
    }

    /** Settings as given, as if typed in a file. */
    public static ConfigSource of(Map<String, String> values) {
        return new ConfigSource(Map.copyOf(values), Set.copyOf(values.keySet()));
    }

    /**
     * Keys from the file or -D that are not {@code known} and not under one of {@code prefixes}, each with the
     * closest known key. Environment variables are left out: a hub's environment may hold other PETWATCH_ variables
     * (the collector's, a script's), which are not this program's to refuse.
     */
    public List<String> unknownKeys(Collection<String> known, List<String> prefixes) {
        return typed.stream().filter(k -> !known.contains(k) && prefixes.stream().noneMatch(k::startsWith))
                .map(k -> k + closest(k, known).map(c -> " (did you mean " + c + "?)").orElse("")).toList();
    }

    /** The known key nearest in edit distance, if it is near enough to be a plausible typo. */
    static Optional<String> closest(String key, Collection<String> known) {
        LevenshteinDistance distance =
                LevenshteinDistance.getDefaultInstance();
        return known.stream().min(Comparator.comparingInt((String k) -> distance.apply(key, k))
                        .thenComparing(k -> k))
                .filter(k -> distance.apply(key, k) <= Math.max(3, key.length() / 4));
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
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("gateway config file " + file + " is not UTF-8 text", e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("gateway config file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read gateway config file " + file + ": " + e.getMessage(), e);
        }
        return properties;
    }

    /** Every key this source holds a value for. */
    public Set<String> keys() {
        return Set.copyOf(values.keySet());
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
