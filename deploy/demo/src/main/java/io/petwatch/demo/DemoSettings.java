package io.petwatch.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * How the demo runs. With no environment it embeds its broker and database; PETWATCH_MQTT_URL and PETWATCH_DB_URL
 * point the same components at real services instead.
 *
 * @param mqttUrl      external MQTT 5 broker; empty embeds HiveMQ CE
 * @param dbUrl        external PostgreSQL JDBC URL; empty embeds PostgreSQL (the demo gets a fresh schema either way)
 * @param collectorJar the collector's packaged quarkus-run.jar
 * @param workDir      logs and the gateway's outbox
 */
record DemoSettings(Optional<String> mqttUrl, Optional<String> dbUrl, String dbUser, String dbPassword,
                    Path collectorJar, Path workDir, int collars, int days, long seed, int lethargyCount,
                    Instant simStart, int rate, boolean keepSchema) {

    static DemoSettings fromEnvironment(Map<String, String> env) {
        int days = integer(env, "PETWATCH_DEMO_DAYS", 14);
        return new DemoSettings(
                Optional.ofNullable(env.get("PETWATCH_MQTT_URL")).filter(s -> !s.isBlank()),
                Optional.ofNullable(env.get("PETWATCH_DB_URL")).filter(s -> !s.isBlank()),
                env.getOrDefault("PETWATCH_DB_USER", "postgres"),
                env.getOrDefault("PETWATCH_DB_PASSWORD", ""),
                Path.of(env.getOrDefault("PETWATCH_COLLECTOR_JAR", "collector/target/quarkus-app/quarkus-run.jar")),
                Path.of(env.getOrDefault("PETWATCH_DEMO_WORK_DIR", "deploy/demo/target/demo-run")),
                integer(env, "PETWATCH_DEMO_COLLARS", 24),
                days,
                integer(env, "PETWATCH_DEMO_SEED", 42),
                integer(env, "PETWATCH_DEMO_LETHARGIC", 2),
                // The run ends at the current hour: no sample lies in the hub's future, and no collar looks silent.
                Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(days)),
                integer(env, "PETWATCH_DEMO_RATE", 500),
                Boolean.parseBoolean(env.getOrDefault("PETWATCH_DEMO_KEEP_SCHEMA", "false")));
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'", e);
        }
    }
}
