package io.petwatch.collector.trigger;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A parcel as its tracking updates describe it, whatever order they came in: when its label was made, when a carrier
 * first scanned it, when it was delivered (or otherwise left transit). A carrier scan is a checkpoint, or an update,
 * whose status shows the carrier handled the parcel; "pre_transit" (a label only), "unknown", "error" or a status
 * nobody defined prove nothing and are not scans.
 */
record Parcel(String trackingCode, List<SignalEvent> updates) {
    static final Set<String> SCANNED = Set.of("in_transit", "out_for_delivery", "delivered", "available_for_pickup",
            "return_to_sender", "failure");
    /** Statuses after which a parcel is no longer on its way to the customer. */
    static final Set<String> OUT_OF_TRANSIT = Set.of("delivered", "available_for_pickup", "return_to_sender",
            "cancelled");

    /** A status seen at a time: a checkpoint's, or an update's own. */
    record Seen(Instant at, String status, SignalEvent in) {
    }

    static Parcel of(History history) {
        return new Parcel(history.subject(), history.own());
    }

    Optional<String> carrier() {
        return latest(e -> e.facts().text("carrier"));
    }

    /** The latest word on it (intake may correct a label time from the retailer's own records). */
    Optional<Instant> labelCreatedAt() {
        return latest(e -> e.facts().time("label_created_at"));
    }

    boolean international() {
        return latest(e -> e.facts().flag("international")).orElse(false);
    }

    Optional<String> estDelivery() {
        return latest(e -> e.facts().text("est_delivery"));
    }

    /** Every status reported, by the updates themselves and by their checkpoints, earliest first. */
    List<Seen> seen() {
        return updates.stream().flatMap(e -> java.util.stream.Stream.concat(
                        e.status().stream().map(s -> new Seen(e.occurredAt(), s, e)),
                        e.facts().list("checkpoints").stream().flatMap(c -> c.time("at").flatMap(at -> c.text("status")
                                .map(s -> new Seen(at, s.strip().toLowerCase(java.util.Locale.ROOT), e))).stream())))
                .sorted(Comparator.comparing(Seen::at).thenComparingLong(s -> s.in().id())).toList();
    }

    Optional<Seen> firstScan() {
        return seen().stream().filter(s -> SCANNED.contains(s.status())).findFirst();
    }

    Optional<Seen> delivered() {
        return seen().stream().filter(s -> s.status().equals("delivered")).findFirst();
    }

    Optional<Seen> outOfTransit() {
        return seen().stream().filter(s -> OUT_OF_TRANSIT.contains(s.status())).findFirst();
    }

    private <T> Optional<T> latest(Function<SignalEvent, Optional<T>> field) {
        for (int i = updates.size() - 1; i >= 0; i--) {
            Optional<T> value = field.apply(updates.get(i));
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }
}
