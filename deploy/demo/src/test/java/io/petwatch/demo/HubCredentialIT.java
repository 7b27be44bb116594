package io.petwatch.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.gateway.Gateway;
import io.petwatch.gateway.config.ConfigSource;
import io.petwatch.gateway.config.GatewayConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hub whose collector credential is wrong or revoked, end to end through the gateway, the real Mosquitto and the
 * real collector: nothing is stored, the gateway keeps every alert and says why it cannot upload, and once the hub
 * holds a valid credential each alert arrives exactly once.
 */
class HubCredentialIT {
    private static final Duration EPISODE = Duration.ofHours(96);

    /** The gateway hears a fortnight in which pets fall ill, and the collector refuses every upload. */
    private static void whenTheCollectorRefusesTheHub(Map<String, String> settings, CollarFleet fleet,
                                                      CollectorApi api) throws Exception {
        try (Gateway gateway = new Gateway(GatewayConfig.from(ConfigSource.of(settings)), Clock.systemUTC())) {
            gateway.start();
            fleet.connect(EndToEnd.BROKER);
            fleet.publishRest();
            await().atMost(Duration.ofSeconds(60)).until(() -> gateway.status().batchesDelivered() == fleet.published());
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.status().detection().alertsRaised()
                    == fleet.sickCollars().size());

            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.status().uplinkFailure()
                    .filter(f -> f.startsWith("UNAUTHORIZED")).isPresent());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> gateway.status().pendingAlerts() == fleet.sickCollars().size());
            assertEquals(0, api.alerts().size(), "the collector stored nothing from a hub it could not trust");
        }
    }

    @Test
    void aWrongTokenStoresNothingAndTheAlertsArriveOnceWhenTheTokenIsFixed() throws Exception {
        try (EndToEnd run = EndToEnd.create("wrong_token");
             CollarFleet fleet = new CollarFleet(6, 14, 2, EPISODE)) {
            CollectorApi api = run.startCollector();
            Map<String, String> settings = run.gatewaySettings(EndToEnd.BROKER, "wrong-token");
            settings.put("petwatch.hub.token", "not-the-demo-hub-token");
            whenTheCollectorRefusesTheHub(settings, fleet, api);

            settings.put("petwatch.hub.token", "demo-hub-token"); // the owner re-pairs the hub
            try (Gateway fixed = new Gateway(GatewayConfig.from(ConfigSource.of(settings)), Clock.systemUTC())) {
                fixed.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> fixed.status().pendingAlerts() == 0);
                assertTrue(fixed.status().uplinkFailure().isEmpty());
            }
            BrokerRestartIT.assertEachSickPetAlertedOnce(api, fleet);
        }
    }

    @Test
    void aRevokedHubIsRefusedWithItsOwnTokenAndLosesNothing() throws Exception {
        try (EndToEnd run = EndToEnd.create("revoked_hub");
             CollarFleet fleet = new CollarFleet(6, 14, 2, EPISODE)) {
            CollectorApi api = run.startCollector();
            Map<String, String> settings = run.gatewaySettings(EndToEnd.BROKER, "revoked");
            settings.put("petwatch.hub.id", "hub-revoked"); // the seed revoked this hub; its token is otherwise right
            settings.put("petwatch.hub.token", "revoked-hub-token");
            whenTheCollectorRefusesTheHub(settings, fleet, api);
        }
    }
}
