package io.petwatch.sim.delivery;

/**
 * How a collar's connection fared.
 *
 * @param reconnects          connections made again after a drop
 * @param disconnectedMs      time spent without a connection after the first one, until now or the close
 * @param longestDisconnectMs the longest single stretch of it
 */
public record LinkStats(long reconnects, long disconnectedMs, long longestDisconnectMs) {
    public static final LinkStats NONE = new LinkStats(0, 0, 0);

    /** A fleet's totals: reconnects and time offline add up, the longest stretch is the longest of any collar. */
    public LinkStats plus(LinkStats other) {
        return new LinkStats(reconnects + other.reconnects, disconnectedMs + other.disconnectedMs,
                Math.max(longestDisconnectMs, other.longestDisconnectMs));
    }
}
