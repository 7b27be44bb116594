package io.petwatch.sim;

import io.petwatch.sim.delivery.DeliveryReport;
import io.petwatch.sim.scenario.Episode;
import java.time.Duration;
import java.util.List;

/** What a run delivered, and the ground truth of what it injected. */
public record SimReport(List<String> collarIds, List<Episode> episodes, DeliveryReport delivery, Duration took) {

    /** Batches the broker acknowledged. */
    public long batchesPublished() {
        return delivery.published();
    }

    /** Minutes of data in the acknowledged batches. */
    public long samplesPublished() {
        return delivery.samples();
    }
}
