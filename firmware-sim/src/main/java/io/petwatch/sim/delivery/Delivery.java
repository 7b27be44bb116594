package io.petwatch.sim.delivery;

/**
 * What became of one batch.
 *
 * @param samples        minutes of data in the batch
 * @param reason         why it was not delivered (empty when it was)
 * @param afterReconnect acknowledged on a later connection than the one it was handed to: re-sent after a reconnect
 */
public record Delivery(String collarId, long seq, int samples, Status status, String reason, boolean afterReconnect) {

    public enum Status {
        /** The broker answered PUBACK with a success reason code. */
        ACKNOWLEDGED,
        /** The broker answered with an error reason code (NOT_AUTHORIZED under an ACL, for example). */
        REFUSED,
        /** The client gave it up with an error. */
        FAILED,
        /** The collar was offline for the whole delivery timeout, so the batch was dropped without being sent. */
        NOT_SENT,
        /** Sent, but no answer came before the run ended; it may or may not have reached the broker. */
        UNCONFIRMED
    }

    public Delivery {
        if (collarId.isBlank()) {
            throw new IllegalArgumentException("a delivery needs a collar id");
        }
        if (status != Status.ACKNOWLEDGED && reason.isBlank()) {
            throw new IllegalArgumentException(collarId + " seq " + seq + " is " + status + " without a reason");
        }
    }

    public static Delivery acknowledged(String collarId, long seq, int samples, boolean afterReconnect) {
        return new Delivery(collarId, seq, samples, Status.ACKNOWLEDGED, "", afterReconnect);
    }

    public static Delivery undelivered(String collarId, long seq, int samples, Status status, String reason) {
        if (status == Status.ACKNOWLEDGED) {
            throw new IllegalArgumentException("an acknowledged batch is not undelivered: " + collarId + " seq " + seq);
        }
        return new Delivery(collarId, seq, samples, status, reason, false);
    }

    public boolean delivered() {
        return status == Status.ACKNOWLEDGED;
    }
}
