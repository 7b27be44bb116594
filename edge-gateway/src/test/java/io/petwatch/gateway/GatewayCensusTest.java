package io.petwatch.gateway;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.petwatch.gateway.config.ConfigSource;
import io.petwatch.gateway.config.GatewayConfig;
import io.petwatch.gateway.outbox.MemoryOutbox;
import io.petwatch.gateway.uplink.UplinkException;
import io.petwatch.proto.v1.AlertBatchResult;
import io.petwatch.proto.v1.HubCensus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's census task, run as its timer runs it (the collars it counts: see GatewayMqttIT). */
class GatewayCensusTest {
    private static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");

    private static GatewayConfig config() {
        return GatewayConfig.from(ConfigSource.of(Map.of("petwatch.hub.id", "hub-7", "petwatch.hub.token", "t",
                "petwatch.hub.model", "PW-HUB-2", "petwatch.snapshot.dir", "none", "petwatch.status.port", "-1",
                "petwatch.zone", "UTC", "petwatch.census.interval-s", "900")));
    }

    @Test
    void sendsTheHubsCensusAndOutlivesAClientThatThrows() {
        List<HubCensus> attempts = new ArrayList<>();
        List<HubCensus> received = new ArrayList<>();
        try (Gateway gateway = new Gateway(config(), Clock.fixed(NOW, ZoneOffset.UTC), new MemoryOutbox(),
                batch -> AlertBatchResult.getDefaultInstance(), census -> {
                    attempts.add(census);
                    if (attempts.size() == 1) {
                        throw new UplinkException(UplinkException.Kind.UNAUTHORIZED, "HTTP 401");
                    }
                    if (attempts.size() == 2) {
                        throw new IllegalStateException("a bug in the client");
                    }
                    received.add(census);
                }, reason -> { })) {

            assertDoesNotThrow(gateway::sendCensus);
            assertDoesNotThrow(gateway::sendCensus);
            gateway.sendCensus();

            assertEquals(3, attempts.size());
            assertEquals(List.of(HubCensus.newBuilder().setHubId("hub-7").setHubModel("PW-HUB-2")
                    .setSentAtMs(NOW.toEpochMilli()).setWindowMs(Duration.ofHours(24).toMillis()).build()), received);
        }
    }

    @Test
    void theCensusIntervalIsConfiguredInSeconds() {
        assertEquals(Duration.ofMinutes(15), config().censusInterval());
    }
}
