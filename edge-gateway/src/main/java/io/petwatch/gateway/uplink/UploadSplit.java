package io.petwatch.gateway.uplink;

import java.util.List;
import java.util.Optional;

/**
 * The one way the uplink finds an alert the collector cannot take, so that it never holds the others: an upload
 * the collector refuses (400), finds too large (413) or fails on twice in a row (500) is halved, and halved again,
 * until the failing alert is alone. A lone refused or too-large alert is a dead letter at once. A lone alert that
 * fails with a server error is set aside as a suspect while the others are sent: if they go through, the collector
 * is fine and the suspect becomes a dead letter; if they fail too, it is an outage, and the uplink backs off with
 * every alert kept. Plain logic, no I/O: the uplink applies the verdicts.
 */
final class UploadSplit {
    /** Server errors in a row on one upload before it is split (one may be a blip). */
    static final int SPLIT_AFTER = 2;

    /** When to try again. */
    enum Next {
        /** At once, with the next (smaller) upload. */
        SEND_NOW,
        /** After the shortest back-off: a first server error may be a blip. */
        RETRY_SOON,
        /** After the growing back-off: the collector is unavailable. */
        BACK_OFF
    }

    /**
     * What to do after a failed upload.
     *
     * @param deadLetter the alert to set aside for good, with {@code reason}
     */
    record Verdict(Next next, Optional<String> deadLetter, String reason) {
        static Verdict of(Next next) {
            return new Verdict(next, Optional.empty(), "");
        }
    }

    private final int maxBatch;
    private int limit;
    private int serverErrors;
    private Optional<String> suspect = Optional.empty();
    private String suspectError = "";
    private boolean outage;

    UploadSplit(int maxBatch) {
        this.maxBatch = maxBatch;
        this.limit = maxBatch;
    }

    /** Most alerts in the next upload. */
    int limit() {
        return limit;
    }

    /** The alert left out of uploads while the others show whether the collector is well. */
    Optional<String> suspect() {
        return suspect;
    }

    /** After an upload the collector settled; returns a suspect the others' success convicts, with its reason. */
    Optional<Verdict> onSuccess(List<String> sent) {
        Optional<Verdict> convicted = suspect.filter(s -> !sent.contains(s)).map(s -> new Verdict(Next.SEND_NOW,
                Optional.of(s), "the collector failed on this alert alone (" + suspectError
                        + ") while it accepted other alerts"));
        suspect = Optional.empty();
        serverErrors = 0;
        outage = false;
        limit = Math.min(maxBatch, limit * 2);
        return convicted;
    }

    /**
     * After a failed upload of {@code sent} (alert ids, in order).
     *
     * @param othersWaiting whether the outbox holds alerts besides those sent
     */
    Verdict onFailure(List<String> sent, UplinkException failure, boolean othersWaiting) {
        switch (failure.kind()) {
            case REFUSED, TOO_LARGE -> {
                serverErrors = 0;
                if (sent.size() > 1) {
                    limit = half(sent.size());
                    return Verdict.of(Next.SEND_NOW);
                }
                return new Verdict(Next.SEND_NOW, Optional.of(sent.get(0)), failure.getMessage());
            }
            case SERVER_ERROR -> {
                return onServerError(sent, failure, othersWaiting);
            }
            default -> {
                serverErrors = 0;
                return Verdict.of(Next.BACK_OFF);
            }
        }
    }

    private Verdict onServerError(List<String> sent, UplinkException failure, boolean othersWaiting) {
        if (suspect.isPresent() && !sent.contains(suspect.get())) {
            // Alerts without the suspect fail too: the collector is unwell, not the suspect.
            suspect = Optional.empty();
            outage = true;
            limit = maxBatch;
        }
        if (outage) {
            return Verdict.of(Next.BACK_OFF);
        }
        if (++serverErrors < SPLIT_AFTER) {
            return Verdict.of(Next.RETRY_SOON);
        }
        serverErrors = 0;
        if (sent.size() > 1) {
            limit = half(sent.size());
            return Verdict.of(Next.SEND_NOW);
        }
        if (!othersWaiting) {
            return Verdict.of(Next.BACK_OFF); // alone, it holds nothing up
        }
        suspect = Optional.of(sent.get(0));
        suspectError = failure.getMessage();
        return Verdict.of(Next.SEND_NOW);
    }

    private static int half(int size) {
        return (size + 1) / 2;
    }
}
