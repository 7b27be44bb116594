package io.petwatch.collector.trigger;

/** The triggers detection raises on the alerts queue (issue 18's contract): each with its detector name and severity. */
public enum TriggerKind {
    PAYMENT_FAILED_AGAIN("payment.second-failure", "MEDIUM"),
    PARCEL_NO_SCAN("delivery.no-scan-48h", "MEDIUM"),
    PARCEL_STUCK("delivery.in-transit-too-long", "MEDIUM"),
    PARCEL_MISSING("delivery.delivered-missing", "MEDIUM"),
    PARCEL_DELIVERED("delivery.delivered", "LOW"),
    SURVEY_UNHAPPY("survey.unhappy", "MEDIUM");

    private final String detector;
    private final String severity;

    TriggerKind(String detector, String severity) {
        this.detector = detector;
        this.severity = severity;
    }

    /** The rule's name, stored as the alert's detector. */
    public String detector() {
        return detector;
    }

    public String severity() {
        return severity;
    }
}
