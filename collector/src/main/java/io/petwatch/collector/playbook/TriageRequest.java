package io.petwatch.collector.playbook;

import io.petwatch.collector.signal.TriggerKind;
import io.petwatch.collector.customer.AlertContext;
import io.petwatch.collector.ingest.AcceptedAlert;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An accepted alert joined with who it is about; what the playbook decides on.
 *
 * @param context the pet and owner, empty when the collar is not linked to a pet; for a retail trigger the customer
 *                alone, empty when no customer has its id
 */
public record TriageRequest(AcceptedAlert alert, Optional<AlertContext> context) {

    public TriageRequest(String alertId, String collarId, String kind, String state, String severity,
                         Instant episodeStart, Instant windowEnd, Instant detectedAt, double activityRatio,
                         String summary, Optional<AlertContext> context, Optional<String> collarFirmware) {
        this(new AcceptedAlert(alertId, collarId, kind, state, severity, episodeStart, windowEnd, detectedAt,
                activityRatio, summary, collarFirmware, Optional.empty()), context);
    }

    public String alertId() {
        return alert.alertId();
    }

    public String collarId() {
        return alert.collarId();
    }

    public String kind() {
        return alert.kind();
    }

    public String state() {
        return alert.state();
    }

    public String severity() {
        return alert.severity();
    }

    public Instant episodeStart() {
        return alert.episodeStart();
    }

    public Instant windowEnd() {
        return alert.windowEnd();
    }

    public Instant detectedAt() {
        return alert.detectedAt();
    }

    public double activityRatio() {
        return alert.activityRatio();
    }

    public String summary() {
        return alert.summary();
    }

    /** The firmware the collar last reported, for the fleet-storm check. */
    public Optional<String> collarFirmware() {
        return alert.collarFirmware();
    }

    /** The model of the hub that uploaded the alert, for the fleet-storm check. */
    public Optional<String> hubModel() {
        return alert.hubModel();
    }

    public boolean firing() {
        return alert.firing();
    }

    /** Hours of evidence behind the alert, as the owner will read them. */
    public long windowHours() {
        return alert.windowHours();
    }

    /** A trigger raised from a retail signal (a payment, a parcel, a survey answer), not a collar's alert. */
    public boolean trigger() {
        return alert.trigger();
    }

    /** {@code hub}, or the retail signal's source. */
    public String source() {
        return alert.source();
    }

    /** COLLAR for a hub's alert; a trigger's by its kind, or by its source for a kind the playbook does not know. */
    public Signal signal() {
        if (!trigger()) {
            return Signal.COLLAR;
        }
        return TriggerKind.find(alert.kind()).map(Signal::of).orElseGet(() -> Signal.ofSource(source()));
    }

    /** A trigger's subject: the subscription, tracking code or survey response it is about. */
    public Optional<String> subject() {
        return alert.subject();
    }

    /** The detector's parameters, as text. */
    public Map<String, String> params() {
        return alert.params();
    }

    /** What the alert is about, as a reason reads it: the pet's name, or the customer's payment, parcel or survey. */
    public String about() {
        if (trigger()) {
            String what = switch (signal()) {
                case PAYMENT -> "payment ";
                case DELIVERY -> "parcel ";
                case SURVEY -> "survey answer ";
                case COLLAR -> "";
            };
            return "the customer's " + what + subject().orElse("?");
        }
        return context.flatMap(AlertContext::pet).map(p -> p.name()).orElse("collar " + collarId());
    }
}
