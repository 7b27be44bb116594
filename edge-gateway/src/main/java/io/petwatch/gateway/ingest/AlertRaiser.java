package io.petwatch.gateway.ingest;

import io.petwatch.gateway.detect.AlertEvent;
import io.petwatch.gateway.detect.CollarBatch;
import io.petwatch.gateway.outbox.Outbox;
import io.petwatch.gateway.uplink.AlertMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tinylog.Logger;

/** Puts raised alerts in the outbox, each with the firmware its collar last reported, and wakes the uplink. */
public final class AlertRaiser {
    private final String hubId;
    private final Outbox outbox;
    private final Runnable wakeUplink;
    /**
     * Only admitted collars are here, so the map is bounded like detection state; versions are cleaned at the edge.
     * Used by the detection thread only (and by the recovery before it starts).
     */
    private final Map<String, String> firmware = new HashMap<>();

    public AlertRaiser(String hubId, Outbox outbox, Runnable wakeUplink) {
        this.hubId = hubId;
        this.outbox = outbox;
        this.wakeUplink = wakeUplink;
    }

    void noteFirmware(CollarBatch batch) {
        if (!batch.firmware().isEmpty()) {
            firmware.put(batch.collarId(), batch.firmware());
        }
    }

    void forget(String collarId) {
        firmware.remove(collarId);
    }

    /** Each alert is on disk (fsynced) when this returns. */
    void raise(List<AlertEvent> alerts) {
        for (AlertEvent event : alerts) {
            outbox.add(AlertMapper.toProto(hubId, event, firmware.getOrDefault(event.collarId(), "")));
            Logger.info("Alert {} {} {} for collar {}: {}", event.kind(), event.state(), event.severity(),
                    event.collarId(), event.summary());
        }
        if (!alerts.isEmpty()) {
            wakeUplink.run();
        }
    }
}
