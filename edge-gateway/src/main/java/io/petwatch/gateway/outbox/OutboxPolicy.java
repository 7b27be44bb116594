package io.petwatch.gateway.outbox;

import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;

/**
 * Which alerts go first and which give way when the outbox is full. Health alerts (lethargy, restless nights, drift)
 * drain before device alerts; within a class alerts keep the order they were raised in, so a RESOLVED never
 * overtakes its FIRING. When the outbox is full the least important alert is dropped, oldest first: device
 * RESOLVED, then device FIRING, then health RESOLVED, and a firing health alert only when nothing else is left.
 */
final class OutboxPolicy {
    private OutboxPolicy() {
    }

    static boolean health(Alert alert) {
        return alert.getKind() == AlertKind.LOW_ACTIVITY || alert.getKind() == AlertKind.RESTLESS_NIGHTS
                || alert.getKind() == AlertKind.ACTIVITY_DRIFT;
    }

    /** Send order class: 0 drains first. */
    static int drainClass(Alert alert) {
        return health(alert) ? 0 : 1;
    }

    /** Higher is more important; the lowest is dropped first when the outbox is full. */
    static int importance(Alert alert) {
        boolean firing = alert.getState() == AlertState.FIRING;
        return health(alert) ? (firing ? 3 : 2) : (firing ? 1 : 0);
    }
}
