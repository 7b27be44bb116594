package io.petwatch.gateway.mqtt;

/**
 * A message the broker delivered, with the way to acknowledge it. The acknowledgement is sent only once the
 * message's effect is durable; until then the broker keeps the message and delivers it again after a crash.
 *
 * @param ack sends the acknowledgement; does nothing for a message from an earlier connection (the broker
 *            redelivers those itself)
 */
public record Delivery(String topic, byte[] payload, Runnable ack) {
    public boolean isStatus() {
        return topic.endsWith("/status");
    }
}
