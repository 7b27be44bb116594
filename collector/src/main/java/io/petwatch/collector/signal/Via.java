package io.petwatch.collector.signal;

/** How a signal event reached the collector: a signed webhook, or a message on the Kafka topic. */
public enum Via {
    /** An HTTP webhook whose signature was verified before intake. */
    WEBHOOK,
    /** A message from the broker, authenticated by the broker's own access control. */
    KAFKA
}
