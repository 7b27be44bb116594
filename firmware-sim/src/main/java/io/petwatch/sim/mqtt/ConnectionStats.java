package io.petwatch.sim.mqtt;

import io.petwatch.sim.delivery.LinkStats;

/** Reconnects and time offline of one collar connection; fed by the MQTT client's listeners, read by anyone. */
final class ConnectionStats {
    private long connects;
    private boolean down;
    private boolean closed;
    private long downSinceNanos;
    private long downNanos;
    private long longestNanos;

    synchronized void connected(long nowNanos) {
        connects++;
        endGap(nowNanos);
    }

    /** A drop after a connection opens a gap; failed attempts while offline, and the closing goodbye, do not. */
    synchronized void disconnected(long nowNanos) {
        if (!down && !closed && connects > 0) {
            down = true;
            downSinceNanos = nowNanos;
        }
    }

    /** Closed on purpose: a gap still open ends here. */
    synchronized void closed(long nowNanos) {
        endGap(nowNanos);
        closed = true;
    }

    synchronized LinkStats snapshot(long nowNanos) {
        long open = down ? nowNanos - downSinceNanos : 0;
        return new LinkStats(Math.max(0, connects - 1), (downNanos + open) / 1_000_000L,
                Math.max(longestNanos, open) / 1_000_000L);
    }

    private void endGap(long nowNanos) {
        if (down) {
            long gap = nowNanos - downSinceNanos;
            downNanos += gap;
            longestNanos = Math.max(longestNanos, gap);
            down = false;
        }
    }
}
