package io.petwatch.collector;

/** Names of the reactive-messaging channels that carry an alert through the collector. */
public final class Channels {
    /** Ids of alerts stored for the first time, on their way to be joined with the customer record. */
    public static final String ALERTS_ACCEPTED = "alerts-accepted";
    /** Alerts joined with customer and pet, on their way to the vet-triage playbook. */
    public static final String TRIAGE_REQUESTS = "triage-requests";

    /**
     * The worker pool that joins and triages alerts, a few at a time (application.properties sets how many), so
     * triage never takes every database connection from ingest.
     */
    public static final String TRIAGE_POOL = "triage-pool";

    private Channels() {
    }
}
