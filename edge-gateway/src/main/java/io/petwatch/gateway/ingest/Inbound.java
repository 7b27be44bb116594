package io.petwatch.gateway.ingest;

import io.petwatch.gateway.mqtt.Delivery;

/** What the detection worker takes in turn: messages from the broker, and the hub clock's ticks. */
sealed interface Inbound {
    /** A broker message, with the hub clock when it was handed to detection's queue. */
    record Message(Delivery delivery, long arrivedMs) implements Inbound {
    }

    /** Time passed: collars that went quiet may now be silent. */
    record Tick() implements Inbound {
    }
}
