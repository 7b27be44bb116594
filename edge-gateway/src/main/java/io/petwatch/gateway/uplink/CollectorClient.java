package io.petwatch.gateway.uplink;

import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertBatchResult;

/** The collector as the hub sees it. */
public interface CollectorClient {
    /**
     * Sends one batch and returns the collector's per-alert answer.
     *
     * @throws UplinkException when the batch was not settled (network, server error, credentials, refusal)
     */
    AlertBatchResult send(AlertBatch batch) throws UplinkException;
}
