package io.petwatch.collector.ingest;

import io.petwatch.proto.v1.AlertBatchResult;
import java.util.List;

/** The per-alert answer for the hub, and the alerts stored for the first time (to hand to the playbook). */
public record IngestOutcome(AlertBatchResult result, List<AcceptedAlert> newlyAccepted) {
    public IngestOutcome {
        newlyAccepted = List.copyOf(newlyAccepted);
    }
}
