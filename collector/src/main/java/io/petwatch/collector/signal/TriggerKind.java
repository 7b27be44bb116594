package io.petwatch.collector.signal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The triggers detection raises on the alerts queue from the retailer's signals (issue 18's contract), in one place
 * for both sides: detection stores each with its detector name and severity; the playbook reads its signal and the
 * {@code detector_params} keys it carries, the variables its scripts may use besides the customer's.
 */
public enum TriggerKind {
    PAYMENT_FAILED_AGAIN("payment.second-failure", "MEDIUM", Signal.PAYMENT, "amount", "currency", "retries_left",
            "update_card_link", "next_attempt"),
    PARCEL_NO_SCAN("delivery.no-scan-48h", "MEDIUM", Signal.DELIVERY, "carrier", "tracking_code", "hours_since_label"),
    PARCEL_STUCK("delivery.in-transit-too-long", "MEDIUM", Signal.DELIVERY, "carrier", "tracking_code",
            "days_in_transit", "international", "est_delivery"),
    PARCEL_MISSING("delivery.delivered-missing", "MEDIUM", Signal.DELIVERY, "carrier", "tracking_code",
            "delivered_at"),
    PARCEL_DELIVERED("delivery.delivered", "LOW", Signal.DELIVERY, "carrier", "tracking_code", "delivered_at"),
    SURVEY_UNHAPPY("survey.unhappy", "MEDIUM", Signal.SURVEY, "score", "scale_max", "comment_excerpt", "tone");

    private final String detector;
    private final String severity;
    private final Signal signal;
    private final List<String> params;

    TriggerKind(String detector, String severity, Signal signal, String... params) {
        this.detector = detector;
        this.severity = severity;
        this.signal = signal;
        this.params = List.of(params);
    }

    /** The rule's name, stored as the alert's detector. */
    public String detector() {
        return detector;
    }

    public String severity() {
        return severity;
    }

    /** The retail signal the trigger comes from. */
    public Signal signal() {
        return signal;
    }

    /** The detector_params keys of this trigger, which its scripts may name as {{variables}}. */
    public List<String> params() {
        return params;
    }

    public static Optional<TriggerKind> find(String kind) {
        return Arrays.stream(values()).filter(k -> k.name().equals(kind)).findFirst();
    }

    /** Every param any trigger carries. */
    public static Set<String> allParams() {
        return Arrays.stream(values()).flatMap(k -> k.params.stream()).collect(Collectors.toSet());
    }

    public static Set<String> names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.toSet());
    }
}
