package io.petwatch.gateway.mqtt;

import java.util.Optional;

/** The collar topic tree of the device contract. */
public final class Topics {
    public static final String TELEMETRY_FILTER = "petwatch/v1/collars/+/telemetry";
    public static final String STATUS_FILTER = "petwatch/v1/collars/+/status";
    private static final String PREFIX = "petwatch/v1/collars/";

    private Topics() {
    }

    public static String telemetry(String collarId) {
        return PREFIX + collarId + "/telemetry";
    }

    public static String status(String collarId) {
        return PREFIX + collarId + "/status";
    }

    /** The collar id of a topic in the tree, if it is one. */
    public static Optional<String> collarId(String topic) {
        if (!topic.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = topic.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        return slash <= 0 ? Optional.empty() : Optional.of(rest.substring(0, slash));
    }
}
