package io.petwatch.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {
    @Test
    void readsEnvironmentVariablesAndAppliesDefaults() {
        ConfigSource source = ConfigSource.of(Map.of("PETWATCH_HUB_ID", "hub-9", "PETWATCH_HUB_TOKEN", "s3cret",
                "PETWATCH_LOW_ACTIVITY_WINDOW_HOURS", "72", "PETWATCH_ZONE", "Europe/Paris"), new Properties(),
                Optional.empty());

        GatewayConfig config = GatewayConfig.from(source);

        assertEquals("hub-9", config.hubId());
        assertEquals(72, config.lowActivity().windowHours());
        assertEquals(0.5, config.lowActivity().lowRatio());
        assertEquals(ZoneId.of("Europe/Paris"), config.zone());
        assertEquals("tcp://127.0.0.1:1883", config.mqttUrl());
        assertEquals("petwatch-gateway-hub-9", config.mqttClientId());
    }

    @Test
    void systemPropertiesWinOverTheEnvironment() {
        Properties props = new Properties();
        props.setProperty("petwatch.hub.id", "from-prop");
        ConfigSource source = ConfigSource.of(Map.of("PETWATCH_HUB_ID", "from-env", "PETWATCH_HUB_TOKEN", "t"), props,
                Optional.empty());

        assertEquals("from-prop", GatewayConfig.from(source).hubId());
    }

    @Test
    void namesTheMissingSettingAndItsVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.from(ConfigSource.of(Map.of("petwatch.hub.id", "h"))));

        assertTrue(e.getMessage().contains("petwatch.hub.token"), e.getMessage());
        assertTrue(e.getMessage().contains("PETWATCH_HUB_TOKEN"), e.getMessage());
    }

    @Test
    void rejectsValuesOfTheWrongShapeWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.from(ConfigSource.of(Map.of("petwatch.hub.id", "h", "petwatch.hub.token", "t",
                        "petwatch.low-activity.window-hours", "two days"))));

        assertTrue(e.getMessage().contains("petwatch.low-activity.window-hours must be an integer"), e.getMessage());
    }

    @Test
    void rejectsAResolveRatioBelowTheLowRatio() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.from(ConfigSource.of(Map.of("petwatch.hub.id", "h", "petwatch.hub.token", "t",
                        "petwatch.low-activity.resolve-ratio", "0.3"))));

        assertTrue(e.getMessage().contains("hysteresis"), e.getMessage());
    }
}
