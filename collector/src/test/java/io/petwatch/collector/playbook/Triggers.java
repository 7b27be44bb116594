package io.petwatch.collector.playbook;

import io.petwatch.collector.customer.AlertContext;
import io.petwatch.collector.customer.Owner;
import io.petwatch.collector.customer.QuietHours;
import io.petwatch.collector.ingest.AcceptedAlert;
import io.petwatch.collector.signal.TriggerKind;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/** Given helpers for plain tests of retail triggers: a trigger as detection raises it, its customer, the playbook. */
final class Triggers {
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final Instant AFTERNOON = Instant.parse("2026-06-10T14:00:00Z"); // 15:00 in London
    static final Instant LATE_EVENING = Instant.parse("2026-06-10T22:00:00Z"); // 23:00 in London
    static final Owner AMELIA = new Owner("cus-1", "Amelia", "Hart", "+447700900101", 50, LONDON);
    static final Playbook PLAYBOOK = shipped();
    static final TriagePolicy POLICY = new TriagePolicy(PLAYBOOK, new OutreachCaps(3, 2, 3, Duration.ofHours(1)),
            new io.petwatch.collector.incident.StormPolicy(Duration.ofHours(6), 5, 0.2));

    private Triggers() {
    }

    static Playbook shipped() {
        InputStream in = Triggers.class.getClassLoader().getResourceAsStream("playbook/playbook.yaml");
        return Playbook.load(in, "playbook.yaml");
    }

    static String source(String kind) {
        return switch (TriggerKind.valueOf(kind).signal()) {
            case PAYMENT -> "stripe";
            case DELIVERY -> "easypost";
            default -> "survey";
        };
    }

    /** A trigger about Amelia's {@code subject}, detected at {@code at}. */
    static TriageRequest trigger(String kind, String state, String subject, Map<String, String> params, Instant at) {
        AcceptedAlert alert = new AcceptedAlert("sig-" + kind + "-" + subject, null, kind, state,
                kind.equals("PARCEL_DELIVERED") ? "LOW" : "MEDIUM", at.minus(Duration.ofDays(3)), at, at, 0,
                kind.toLowerCase() + " on " + subject, Optional.empty(), Optional.empty(), source(kind),
                Optional.of(AMELIA.customerId()), Optional.of(subject), params);
        return new TriageRequest(alert, Optional.of(AlertContext.ownerOnly(AMELIA)));
    }

    static TriageRequest trigger(String kind, String subject, Instant at) {
        return trigger(kind, "FIRING", subject, Map.of(), at);
    }

    /** Amelia: texts welcome, quiet 21:30 to 08:00 London time, nothing sent lately, no open case. */
    static OwnerState amelia() {
        return new OwnerState(LONDON, Optional.of(QuietHours.parse("21:30-08:00")), true, 0, Optional.empty(),
                Optional.empty(), false);
    }

    static OwnerState withCase(OwnerState o, long id, String kind, String status) {
        OwnerState.CaseRef ref = new OwnerState.CaseRef(id, kind, status);
        return new OwnerState(o.zone(), o.quietHours(), o.messagesLast24h(),
                ref.open() ? Optional.of(ref) : Optional.empty(), Optional.of(ref), false, o.channels(), o.email(),
                o.pushToken(), o.lastProactive());
    }

    static OwnerState withSent(OwnerState o, int sent) {
        return new OwnerState(o.zone(), o.quietHours(), sent, o.openCase(), o.episodeCase(), o.episodeResolved(),
                o.channels(), o.email(), o.pushToken(), o.lastProactive());
    }

    static OwnerState optedOut() {
        OwnerState o = amelia();
        return new OwnerState(o.zone(), o.quietHours(), false, 0, Optional.empty(), Optional.empty(), false);
    }

    static Playbook allHeldOut() {
        return new Playbook(PLAYBOOK.rules(), PLAYBOOK.scripts(), new Experiment("all-held", 100,
                PLAYBOOK.experiment().variants()));
    }
}
