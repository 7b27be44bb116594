package io.petwatch.collector;

/** Names of the reactive-messaging channels that carry an alert through the collector. */
public final class Channels {
    /** Alerts stored for the first time, on their way to the vet-triage playbook. */
    public static final String ALERTS_ACCEPTED = "alerts-accepted";

    private Channels() {
    }
}
