package io.petwatch.collector.trigger;

import io.petwatch.collector.signal.TriggerKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules over a parcel's tracking updates (and the survey answers naming its tracking code):
 * <ul>
 * <li>delivery.no-scan-48h: no carrier scan within {@code noScanAfter} of the label's creation, noticed on the clock
 * (an absence: nothing arrives to say so); resolved when it is delivered;</li>
 * <li>delivery.in-transit-too-long: in transit (since its first scan) longer than the domestic or international limit,
 * on the clock; resolved when it is delivered;</li>
 * <li>delivery.delivered: delivered (the post-delivery care nudge), once, at the delivery's time;</li>
 * <li>delivery.delivered-missing: delivered, then the customer answered a survey about it saying it did not arrive.</li>
 * </ul>
 * A resolution is stored only when its FIRING was (the runner's insert checks), so a parcel delivered before anything
 * fired resolves nothing.
 */
final class ParcelRules {
    private final Thresholds thresholds;

    ParcelRules(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    List<Trigger> evaluate(History history, Instant now) {
        Parcel parcel = Parcel.of(history);
        List<Trigger> triggers = new ArrayList<>();
        if (parcel.updates().isEmpty()) {
            return triggers; // only surveys about it so far: nothing to say of the parcel
        }
        noScan(parcel, now).ifPresent(triggers::add);
        stuck(parcel, now).ifPresent(triggers::add);
        parcel.delivered().ifPresent(delivered -> {
            triggers.add(delivered(parcel, delivered));
            missing(history, parcel, delivered).ifPresent(triggers::add);
        });
        return triggers;
    }

    Optional<Trigger> noScan(Parcel parcel, Instant now) {
        Optional<Parcel.Seen> delivered = parcel.delivered();
        if (delivered.isPresent()) {
            return Optional.of(resolved(TriggerKind.PARCEL_NO_SCAN, parcel, delivered.get()));
        }
        Optional<Instant> label = parcel.labelCreatedAt();
        if (label.isEmpty() || parcel.outOfTransit().isPresent()) {
            return Optional.empty(); // no label time to count from, or cancelled: nothing to wait for
        }
        Instant deadline = label.get().plus(thresholds.noScanAfter());
        boolean scannedInTime = parcel.firstScan().filter(s -> !s.at().isAfter(deadline)).isPresent();
        if (scannedInTime || now.isBefore(deadline)) {
            return Optional.empty();
        }
        long hours = Duration.between(label.get(), now).toHours();
        Map<String, Object> params = params(parcel);
        params.put("hours_since_label", hours);
        return Optional.of(new Trigger(TriggerKind.PARCEL_NO_SCAN, false, parcel.trackingCode(), now, params,
                "Parcel " + parcel.trackingCode() + carrier(parcel) + " had no carrier scan within "
                        + thresholds.noScanAfter().toHours() + " h of its label (created " + hours + " h ago).",
                parcel.updates()));
    }

    Optional<Trigger> stuck(Parcel parcel, Instant now) {
        Optional<Parcel.Seen> delivered = parcel.delivered();
        if (delivered.isPresent()) {
            return Optional.of(resolved(TriggerKind.PARCEL_STUCK, parcel, delivered.get()));
        }
        Optional<Parcel.Seen> since = parcel.firstScan();
        if (since.isEmpty() || parcel.outOfTransit().isPresent()) {
            return Optional.empty(); // not yet moving (the no-scan rule's case), or no longer on its way
        }
        boolean international = parcel.international();
        Duration limit = international ? thresholds.internationalTransit() : thresholds.domesticTransit();
        Duration inTransit = Duration.between(since.get().at(), now);
        if (inTransit.compareTo(limit) <= 0) {
            return Optional.empty();
        }
        Map<String, Object> params = params(parcel);
        params.put("days_in_transit", inTransit.toDays());
        params.put("international", international);
        parcel.estDelivery().ifPresent(e -> params.put("est_delivery", e));
        return Optional.of(new Trigger(TriggerKind.PARCEL_STUCK, false, parcel.trackingCode(), now, params,
                "Parcel " + parcel.trackingCode() + carrier(parcel) + " has been in transit " + inTransit.toDays()
                        + " days, more than the " + limit.toDays() + " allowed for " + (international
                        ? "an international" : "a domestic") + " parcel.", parcel.updates()));
    }

    Trigger delivered(Parcel parcel, Parcel.Seen delivered) {
        return new Trigger(TriggerKind.PARCEL_DELIVERED, false, parcel.trackingCode(), delivered.at(),
                deliveredParams(parcel, delivered), "Parcel " + parcel.trackingCode() + carrier(parcel)
                + " was delivered at " + delivered.at() + ".", upTo(parcel, delivered));
    }

    Optional<Trigger> missing(History history, Parcel parcel, Parcel.Seen delivered) {
        return history.events().stream()
                .filter(e -> e.signal().equals("SURVEY"))
                .filter(e -> e.facts().text("tracking_code").filter(parcel.trackingCode()::equals).isPresent())
                .filter(e -> e.facts().flag("arrived").filter(arrived -> !arrived).isPresent())
                .filter(e -> e.occurredAt().isAfter(delivered.at()))
                .findFirst()
                .map(survey -> {
                    List<SignalEvent> evidence = new ArrayList<>(upTo(parcel, delivered));
                    evidence.add(survey);
                    return new Trigger(TriggerKind.PARCEL_MISSING, false, parcel.trackingCode(), survey.occurredAt(),
                            deliveredParams(parcel, delivered), "Parcel " + parcel.trackingCode() + carrier(parcel)
                            + " was delivered at " + delivered.at() + " but the customer says it did not arrive"
                            + " (survey " + survey.subject() + ").", evidence);
                });
    }

    private Trigger resolved(TriggerKind kind, Parcel parcel, Parcel.Seen delivered) {
        return new Trigger(kind, true, parcel.trackingCode(), delivered.at(), deliveredParams(parcel, delivered),
                "Parcel " + parcel.trackingCode() + carrier(parcel) + " was delivered at " + delivered.at() + ".",
                upTo(parcel, delivered));
    }

    /** The updates up to the one that reported the delivery: what was known when it was delivered. */
    private static List<SignalEvent> upTo(Parcel parcel, Parcel.Seen delivered) {
        List<SignalEvent> evidence = new ArrayList<>();
        for (SignalEvent e : parcel.updates()) {
            evidence.add(e);
            if (e == delivered.in()) {
                break;
            }
        }
        return evidence;
    }

    private static Map<String, Object> deliveredParams(Parcel parcel, Parcel.Seen delivered) {
        Map<String, Object> params = params(parcel);
        params.put("delivered_at", delivered.at().toString());
        return params;
    }

    private static Map<String, Object> params(Parcel parcel) {
        Map<String, Object> params = new LinkedHashMap<>();
        parcel.carrier().ifPresent(c -> params.put("carrier", c));
        params.put("tracking_code", parcel.trackingCode());
        return params;
    }

    private static String carrier(Parcel parcel) {
        return parcel.carrier().map(c -> " (" + c + ")").orElse("");
    }
}
