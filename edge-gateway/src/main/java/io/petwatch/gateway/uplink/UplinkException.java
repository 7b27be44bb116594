package io.petwatch.gateway.uplink;

/** A batch the collector did not settle; {@link #kind()} tells the uplink how to react. */
public final class UplinkException extends Exception {
    /** Why the send failed. */
    public enum Kind {
        /** Network trouble or a server error: retry the same batch later. */
        TRANSIENT,
        /** The collector does not accept the hub's credentials: retry later, an operator must act. */
        UNAUTHORIZED,
        /** The collector refused the batch's content (HTTP 400): isolate the offending alert. */
        REFUSED
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
