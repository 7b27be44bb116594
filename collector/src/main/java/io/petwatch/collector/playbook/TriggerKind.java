package io.petwatch.collector.playbook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The triggers detection raises from the retailer's signals (issue 18's contract), each with the
 * {@code detector_params} keys it carries: the variables its playbook scripts may use besides the customer's.
 */
public enum TriggerKind {
    PAYMENT_FAILED_AGAIN(Signal.PAYMENT, "amount", "currency", "retries_left", "update_card_link", "next_attempt"),
    PARCEL_NO_SCAN(Signal.DELIVERY, "carrier", "tracking_code", "hours_since_label"),
    PARCEL_STUCK(Signal.DELIVERY, "carrier", "tracking_code", "days_in_transit", "international", "est_delivery"),
    PARCEL_MISSING(Signal.DELIVERY, "carrier", "tracking_code", "delivered_at"),
    PARCEL_DELIVERED(Signal.DELIVERY, "carrier", "tracking_code", "delivered_at"),
    SURVEY_UNHAPPY(Signal.SURVEY, "score", "scale_max", "comment_excerpt", "tone");

    private final Signal signal;
    private final List<String> params;

    TriggerKind(Signal signal, String... params) {
        this.signal = signal;
        this.params = List.of(params);
    }

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
    static Set<String> allParams() {
        return Arrays.stream(values()).flatMap(k -> k.params.stream()).collect(Collectors.toSet());
    }

    static Set<String> names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.toSet());
    }
}
