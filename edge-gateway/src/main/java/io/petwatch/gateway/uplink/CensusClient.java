package io.petwatch.gateway.uplink;

import io.petwatch.proto.v1.HubCensus;

/** Where the hub's hourly census goes: the collector, which judges fleet storms against it. */
@FunctionalInterface
public interface CensusClient {
    /**
     * Sends one census; returns once the collector has taken it.
     *
     * @throws UplinkException when it did not (network, server error, credentials, refusal)
     */
    void send(HubCensus census) throws UplinkException;
}
