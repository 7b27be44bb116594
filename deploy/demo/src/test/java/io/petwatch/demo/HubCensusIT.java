package io.petwatch.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.petwatch.gateway.uplink.HttpCollectorClient;
import io.petwatch.gateway.uplink.UplinkException;
import io.petwatch.proto.v1.FirmwareCount;
import io.petwatch.proto.v1.HubCensus;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gateway's census client against the packaged collector on PostgreSQL: the census is stored for the fleet-storm
 * rule, and a hub with a wrong token is told so (the gateway then logs it and tries at the next census).
 */
class HubCensusIT {
    @Test
    void theGatewaysCensusReachesTheCollectorAndAWrongTokenIsRefused() throws Exception {
        try (EndToEnd run = EndToEnd.create("census")) {
            run.startCollector();
            HubCensus census = HubCensus.newBuilder().setHubId(DemoRunner.HUB_ID).setHubModel("pw-hub-demo")
                    .setSentAtMs(System.currentTimeMillis()).setWindowMs(Duration.ofHours(24).toMillis())
                    .addFirmware(FirmwareCount.newBuilder().setFirmware("2.4.1").setCollars(7))
                    .addFirmware(FirmwareCount.newBuilder().setFirmware("2.5.0").setCollars(3)).build();

            new HttpCollectorClient(URI.create(run.collectorUrl()), DemoRunner.HUB_ID, DemoRunner.HUB_TOKEN,
                    Duration.ofSeconds(10)).send(census);

            assertEquals(List.of("2.4.1=7", "2.5.0=3"), run.column("SELECT firmware || '=' || collars FROM hub_census"
                    + " WHERE hub_id = '" + DemoRunner.HUB_ID + "' ORDER BY firmware"));
            assertEquals(List.of("pw-hub-demo"), run.column("SELECT model FROM hubs WHERE id = '" + DemoRunner.HUB_ID
                    + "' AND census_at IS NOT NULL"));
            UplinkException refused = assertThrows(UplinkException.class, () -> new HttpCollectorClient(
                    URI.create(run.collectorUrl()), DemoRunner.HUB_ID, "not-the-token", Duration.ofSeconds(10))
                    .send(census));
            assertEquals(UplinkException.Kind.UNAUTHORIZED, refused.kind());
        }
    }
}
