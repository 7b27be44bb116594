package io.petwatch.gateway.ingest;

import io.petwatch.gateway.census.CollarCensus;
import io.petwatch.gateway.detect.AlertEvent;
import io.petwatch.gateway.outbox.Outbox;
import io.petwatch.gateway.uplink.AlertMapper;
import java.util.List;
import org.tinylog.Logger;

/** Puts raised alerts in the outbox, each with the firmware its collar last reported, and wakes the uplink. */
public final class AlertRaiser {
    private final String hubId;
    private final Outbox outbox;
    private final Runnable wakeUplink;
    private final CollarCensus collars;

    /** @param collars where each collar's firmware is kept (detection state notes it there, and forgets it) */
    public AlertRaiser(String hubId, Outbox outbox, Runnable wakeUplink, CollarCensus collars) {
        this.hubId = hubId;
        this.outbox = outbox;
        this.wakeUplink = wakeUplink;
        this.collars = collars;
    }

    /** Each alert is on disk (fsynced) when this returns. */
    void raise(List<AlertEvent> alerts) {
        for (AlertEvent event : alerts) {
            outbox.add(AlertMapper.toProto(hubId, event, collars.firmware(event.collarId()).orElse("")));
            Logger.info("Alert {} {} {} for collar {}: {}", event.kind(), event.state(), event.severity(),
                    event.collarId(), event.summary());
        }
        if (!alerts.isEmpty()) {
            wakeUplink.run();
        }
    }
}
