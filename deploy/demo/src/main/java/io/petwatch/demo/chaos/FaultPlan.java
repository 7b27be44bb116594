package io.petwatch.demo.chaos;

import java.util.List;
import java.util.stream.IntStream;

/**
 * When each fault strikes, in seconds after the simulator starts publishing.
 *
 * @param gatewayKillsAt   SIGKILLs of the gateway, each followed by a restart a second later
 * @param brokerRestartAt  a graceful broker restart with batches queued: the gateway is killed, collars go on
 *                         publishing for {@code queueSeconds}, the broker restarts (SIGTERM), the gateway starts
 * @param brokerKillAt     the same with the broker killed (SIGKILL): what it had not autosaved is lost
 * @param collectorStopAt  the collector stops for {@code collectorOutageSeconds} while alerts keep coming
 * @param settleSeconds    how long after the last fault (and the simulator's end) anything may still be waiting
 */
record FaultPlan(List<Integer> gatewayKillsAt, int brokerRestartAt, int brokerKillAt, int queueSeconds,
                 int poisonAt, int junkAt, int junkCollars, int collectorStopAt, int collectorOutageSeconds,
                 int settleSeconds, boolean faults) {
    static final int NEVER = -1;

    /** The same data with nothing going wrong. */
    static FaultPlan none(int settleSeconds) {
        return new FaultPlan(List.of(), NEVER, NEVER, 0, NEVER, NEVER, 0, NEVER, 0, settleSeconds, false);
    }

    /** The bench: seven gateway kills, both broker restarts, a minute without the collector, poison and junk. */
    static FaultPlan full() {
        return new FaultPlan(List.of(12, 24, 70, 110, 125), 36, 52, 3, 8, 62, 60, 80, 60, 60, true);
    }

    /** The CI version: the same kinds of fault, fewer and closer together. */
    static FaultPlan brief() {
        return new FaultPlan(List.of(4, 24), 8, 13, 2, 2, 18, 30, 19, 12, 20, true);
    }

    /** SIGKILLs of the gateway in all (each broker restart kills it first, so batches queue). */
    int gatewayKills() {
        return gatewayKillsAt.size() + (brokerRestartAt == NEVER ? 0 : 1) + (brokerKillAt == NEVER ? 0 : 1);
    }

    int brokerRestarts() {
        return (brokerRestartAt == NEVER ? 0 : 1) + (brokerKillAt == NEVER ? 0 : 1);
    }

    /** When the last fault is over. */
    int endsAt() {
        return IntStream.concat(gatewayKillsAt.stream().mapToInt(t -> t + 2), IntStream.of(brokerRestartAt
                + queueSeconds + 2, brokerKillAt + queueSeconds + 2, poisonAt, junkAt,
                collectorStopAt + collectorOutageSeconds)).max().orElse(0);
    }
}
