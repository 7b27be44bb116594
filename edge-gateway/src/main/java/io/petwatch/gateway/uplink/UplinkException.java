package io.petwatch.gateway.uplink;

/** A batch the collector did not settle; {@link #kind()} tells the uplink how to react. */
public final class UplinkException extends Exception {
    /** Why the send failed. */
    public enum Kind {
        /** Network trouble, a timeout, or a collector that says it is busy or unavailable: retry later. */
        TRANSIENT,
        /** The collector does not accept the hub's credentials: retry later, an operator must act. */
        UNAUTHORIZED,
        /** The collector refused the batch's content (HTTP 400): split it to find the offending alert. */
        REFUSED,
        /** The upload is too large for the collector (HTTP 413): split it. */
        TOO_LARGE,
        /**
         * The collector failed on this upload (HTTP 500 and the like). Repeated, it may be one alert the collector
         * cannot handle, so the uplink splits the upload to find it; it may also be an outage, which hits every
         * upload alike.
         */
        SERVER_ERROR
    }

    private final Kind kind;

    public UplinkException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public UplinkException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
