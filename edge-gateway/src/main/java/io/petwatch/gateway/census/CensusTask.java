package io.petwatch.gateway.census;

import io.petwatch.gateway.uplink.CensusClient;
import io.petwatch.gateway.uplink.UplinkException;
import io.petwatch.proto.v1.FirmwareCount;
import io.petwatch.proto.v1.HubCensus;
import java.time.Clock;
import java.time.Duration;
import org.tinylog.Logger;

/**
 * Takes the census and sends it to the collector: the gateway's timer runs it every census interval. It is a
 * heartbeat, so a census that cannot be sent is logged and not retried before the next one; and it never throws,
 * since a scheduled task that throws is never run again.
 */
public final class CensusTask implements Runnable {
    private final CollarCensus census;
    private final CensusClient client;
    private final String hubId;
    private final String hubModel;
    private final Clock clock;
    private final Duration interval;

    /**
     * @param hubModel empty when the hub's model is not configured
     * @param clock    the hub's wall clock, for {@code sent_at_ms}
     * @param interval how often the task runs (for the log)
     */
    public CensusTask(CollarCensus census, CensusClient client, String hubId, String hubModel, Clock clock,
                      Duration interval) {
        this.census = census;
        this.client = client;
        this.hubId = hubId;
        this.hubModel = hubModel;
        this.clock = clock;
        this.interval = interval;
    }

    /** The census as of now: collars heard within {@link CollarCensus#WINDOW}, by firmware. */
    public HubCensus build() {
        CollarCensus.Counts counts = census.take(CollarCensus.WINDOW);
        HubCensus.Builder out = HubCensus.newBuilder().setHubId(hubId).setHubModel(hubModel)
                .setSentAtMs(clock.millis()).setWindowMs(CollarCensus.WINDOW.toMillis());
        counts.byFirmware().forEach((firmware, collars) -> out.addFirmware(FirmwareCount.newBuilder()
                .setFirmware(firmware).setCollars(collars)));
        return out.build();
    }

    /** Builds and sends one census; a failure is logged (WARN), never thrown. */
    @Override
    public void run() {
        try {
            HubCensus sent = build();
            client.send(sent);
            Logger.info("Census sent: {} collars on {} firmware versions",
                    sent.getFirmwareList().stream().mapToInt(FirmwareCount::getCollars).sum(), sent.getFirmwareCount());
        } catch (UplinkException e) {
            Logger.warn("Census not sent ({}: {}); the next one goes in {} s", e.kind(), e.getMessage(),
                    interval.toSeconds());
        } catch (RuntimeException e) {
            Logger.warn(e, "Census not sent; the next one goes in {} s", interval.toSeconds());
        }
    }
}
