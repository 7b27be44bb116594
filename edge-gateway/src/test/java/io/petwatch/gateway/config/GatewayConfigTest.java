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
        assertEquals(72, config.detection().lowActivity().windowHours());
        assertEquals(0.5, config.detection().lowActivity().lowRatio());
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

        assertTrue(e.getMessage().contains("petwatch.low-activity.window-hours must be a whole number"), e.getMessage());
    }

    @Test
    void theHubModelIsOptionalAndBoundedAsTheCollectorStoresIt() {
        Map<String, String> base = Map.of("petwatch.hub.id", "h", "petwatch.hub.token", "t");
        assertEquals(java.util.Optional.empty(), GatewayConfig.from(ConfigSource.of(base)).hubModel());

        Map<String, String> modelled = new java.util.HashMap<>(base);
        modelled.put("petwatch.hub.model", " PW-HUB-2 ");
        assertEquals(java.util.Optional.of("PW-HUB-2"), GatewayConfig.from(ConfigSource.of(modelled)).hubModel());

        modelled.put("petwatch.hub.model", "m".repeat(65));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.from(ConfigSource.of(modelled)));
        assertTrue(e.getMessage().contains("petwatch.hub.model must be at most 64 characters"), e.getMessage());
    }

    @Test
    void tunesOnePetWithoutTouchingTheOthers() {
        GatewayConfig config = GatewayConfig.from(ConfigSource.of(Map.of("petwatch.hub.id", "h", "petwatch.hub.token", "t",
                "petwatch.pets.collar-007.sensitivity", "high",
                "petwatch.pets.collar-009.low-activity.window-hours", "72",
                "petwatch.pets.collar-010.zone", "Asia/Tokyo",
                "petwatch.device.silent-hours", "12", "petwatch.zone", "Europe/Paris")));

        assertEquals(0.6, config.paramsFor("collar-007").lowActivity().lowRatio());
        assertEquals(72, config.paramsFor("collar-009").lowActivity().windowHours());
        assertEquals(12, config.paramsFor("collar-009").device().silentHours(), "hub-wide values still apply");
        assertEquals(0.5, config.paramsFor("collar-001").lowActivity().lowRatio());
        assertEquals(48, config.paramsFor("collar-001").lowActivity().windowHours());
        assertEquals(ZoneId.of("Asia/Tokyo"), config.zoneFor("collar-010"), "a pet in another household");
        assertEquals(ZoneId.of("Europe/Paris"), config.zoneFor("collar-001"));
    }

    @Test
    void namesAnInvalidPerPetZone() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.from(ConfigSource.of(Map.of("petwatch.hub.id", "h", "petwatch.hub.token", "t",
                        "petwatch.pets.collar-7.zone", "Mars/Olympus"))));

        assertTrue(e.getMessage().contains("petwatch.pets.collar-7.zone"), e.getMessage());
    }

    @Test
    void refusesAnUnknownPerPetSettingByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.from(ConfigSource.of(Map.of("petwatch.hub.id", "h", "petwatch.hub.token", "t",
                        "petwatch.pets.collar-007.low-activity.lowratio", "0.4"))));

        assertTrue(e.getMessage().contains("petwatch.pets.collar-007.low-activity.lowratio is not a per-pet setting"),
                e.getMessage());
    }

    @Test
    void namesThePetWhoseSettingIsInvalid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.from(ConfigSource.of(Map.of("petwatch.hub.id", "h", "petwatch.hub.token", "t",
                        "petwatch.pets.collar-007.sensitivity", "paranoid"))));

        assertTrue(e.getMessage().contains("pet collar-007"), e.getMessage());
        assertTrue(e.getMessage().contains("low, normal or high"), e.getMessage());
    }

    @Test
    void neverShowsSecretsWhenPrinted() {
        GatewayConfig config = GatewayConfig.from(ConfigSource.of(Map.of("petwatch.hub.id", "h",
                "petwatch.hub.token", "hub-secret-42", "petwatch.mqtt.username", "petwatch-gateway",
                "petwatch.mqtt.password", "broker-secret-17")));

        assertTrue(!config.toString().contains("hub-secret-42") && !config.toString().contains("broker-secret-17"),
                config.toString());
        assertEquals("broker-secret-17", config.mqttPassword().orElseThrow());
    }

    @Test
    void rejectsAResolveRatioBelowTheLowRatio() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.from(ConfigSource.of(Map.of("petwatch.hub.id", "h", "petwatch.hub.token", "t",
                        "petwatch.low-activity.resolve-ratio", "0.3"))));

        assertEquals("petwatch.low-activity.resolve-ratio must be above petwatch.low-activity.low-ratio (hysteresis)"
                + " and at most 2, was 0.3", e.getMessage());
    }

    @Test
    void refusesAMisspeltKeyNamingTheClosestKnownOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.from(ConfigSource.of(Map.of("petwatch.hub.id", "h", "petwatch.hub.token", "t",
                        "petwatch.mqtt.ulr", "tcp://hub:1883"))));

        assertEquals("unknown setting petwatch.mqtt.ulr (did you mean petwatch.mqtt.url?)", e.getMessage());
    }

    @Test
    void anUnrelatedEnvironmentVariableIsNotRefused() {
        ConfigSource source = ConfigSource.of(Map.of("PETWATCH_HUB_ID", "h", "PETWATCH_HUB_TOKEN", "t",
                "PETWATCH_CONSOLE_SESSION_KEY", "the collector's, in the same shell"), new Properties(),
                Optional.empty());

        assertEquals("h", GatewayConfig.from(source).hubId());
    }

    @Test
    void aLowRatioSetAloneCarriesItsResolveRatioAlong() {
        GatewayConfig config = GatewayConfig.from(ConfigSource.of(Map.of("petwatch.hub.id", "h",
                "petwatch.hub.token", "t", "petwatch.low-activity.low-ratio", "0.8")));

        assertEquals(0.8, config.detection().lowActivity().lowRatio());
        assertEquals(0.95, config.detection().lowActivity().resolveRatio(), 1e-9);
    }

    @Test
    void readsTheDriftRuleWithItsDefaultsAndNamesABadDriftKey() {
        GatewayConfig config = GatewayConfig.from(ConfigSource.of(Map.of("petwatch.hub.id", "h",
                "petwatch.hub.token", "t", "petwatch.drift.window-days", "28", "petwatch.pets.rex.drift.drop-ratio",
                "0.3")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.from(ConfigSource.of(Map.of("petwatch.hub.id", "h", "petwatch.hub.token", "t",
                        "petwatch.drift.resolve-ratio", "0.5"))));

        assertEquals(28, config.detection().drift().windowDays());
        assertEquals(0.4, config.detection().drift().dropRatio());
        assertEquals(7, config.detection().drift().recentDays());
        assertEquals(0.3, config.pets().get("rex").drift().dropRatio());
        assertEquals("petwatch.drift.resolve-ratio must be above 1 - petwatch.drift.drop-ratio (hysteresis) and at"
                + " most 2, was 0.5", e.getMessage());
    }

    @Test
    void aBadLowRatioIsNamedByItsKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.from(ConfigSource.of(Map.of("petwatch.hub.id", "h", "petwatch.hub.token", "t",
                        "petwatch.low-activity.low-ratio", "1.5"))));

        assertEquals("petwatch.low-activity.low-ratio must be in (0,1), was 1.5", e.getMessage());
    }

    @Test
    void aPetsBadRatioIsNamedByItsPerPetKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.from(ConfigSource.of(Map.of("petwatch.hub.id", "h", "petwatch.hub.token", "t",
                        "petwatch.pets.rex.restlessness.min-ratio", "0.5"))));

        assertEquals("pet rex: petwatch.pets.rex.restlessness.min-ratio must be at least 1, was 0.5", e.getMessage());
    }
}
