package io.petwatch.gateway.census;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.petwatch.gateway.detect.CollarBatch;
import io.petwatch.gateway.uplink.UplinkException;
import io.petwatch.proto.v1.FirmwareCount;
import io.petwatch.proto.v1.HubCensus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CensusTaskTest {
    private static final Instant HUB_NOW = Instant.parse("2026-03-02T09:30:00Z");
    private static final long EVENT = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();

    private final CollarCensus collars = new CollarCensus();
    private final List<HubCensus> attempts = new ArrayList<>();
    private final List<HubCensus> received = new ArrayList<>();

    private void heard(String collarId, String firmware, long eventMs) {
        collars.noteFirmware(new CollarBatch(collarId, 1, firmware, 80, false, List.of()));
        collars.heard(collarId, eventMs);
    }

    private CensusTask task(List<RuntimeException> runtimeFailures, List<UplinkException> uplinkFailures) {
        return new CensusTask(collars, census -> {
            attempts.add(census);
            if (!uplinkFailures.isEmpty()) {
                throw uplinkFailures.remove(0);
            }
            if (!runtimeFailures.isEmpty()) {
                throw runtimeFailures.remove(0);
            }
            received.add(census);
        }, "hub-7", "PW-HUB-2", Clock.fixed(HUB_NOW, ZoneOffset.UTC), Duration.ofHours(1));
    }

    @Test
    void sendsTheHubsCensusOfCollarsHeardLatelyByFirmware() {
        heard("rex", "2.1.0", EVENT);
        heard("bella", "2.1.0", EVENT - Duration.ofHours(5).toMillis());
        heard("milo", "", EVENT - Duration.ofHours(6).toMillis());
        heard("gone", "2.0.4", EVENT - Duration.ofDays(3).toMillis());

        task(new ArrayList<>(), new ArrayList<>()).run();

        assertEquals(List.of(HubCensus.newBuilder().setHubId("hub-7").setHubModel("PW-HUB-2")
                .setSentAtMs(HUB_NOW.toEpochMilli()).setWindowMs(Duration.ofHours(24).toMillis())
                .addFirmware(FirmwareCount.newBuilder().setFirmware("").setCollars(1))
                .addFirmware(FirmwareCount.newBuilder().setFirmware("2.1.0").setCollars(2))
                .build()), received);
    }

    @Test
    void aHubWithoutCollarsSendsAnEmptyCensus() {
        task(new ArrayList<>(), new ArrayList<>()).run();

        assertEquals(1, received.size());
        assertEquals(0, received.get(0).getFirmwareCount());
        assertEquals("hub-7", received.get(0).getHubId());
    }

    @Test
    void aFailedSendIsNeitherThrownNorRetriedUntilTheNextRun() {
        heard("rex", "2.1.0", EVENT);
        CensusTask task = task(new ArrayList<>(List.of(new IllegalStateException("a bug in the client"))),
                new ArrayList<>(List.of(new UplinkException(UplinkException.Kind.TRANSIENT, "collector unreachable"),
                        new UplinkException(UplinkException.Kind.UNAUTHORIZED, "HTTP 401"))));

        assertDoesNotThrow(task::run);
        assertEquals(1, attempts.size(), "one attempt per run: the census is a heartbeat");
        assertDoesNotThrow(task::run);
        assertDoesNotThrow(task::run);
        assertEquals(List.of(), received);

        task.run();

        assertEquals(4, attempts.size());
        assertEquals(1, received.size());
        assertEquals(1, received.get(0).getFirmware(0).getCollars());
    }
}
