package io.petwatch.sim.play;

import io.petwatch.sim.suite.Action;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;

/** One collar's place in its actions, as the player keeps it; only the player's thread touches it. */
final class CollarTrack {
    enum State {
        ONLINE,
        /** Asked to drop, not yet gone. */
        DROPPING,
        /** Gone until {@link #backAtMs}. */
        OFFLINE
    }

    final int index;
    final PlayLink link;
    private final Iterator<Action> actions;
    private Action head; // the next action not yet taken; null once the actions are done
    private final ArrayDeque<Action> backlog = new ArrayDeque<>(); // made while offline, oldest first
    State state = State.ONLINE;
    long backAtMs;
    int inFlight;
    /** Out of the queue until an answer frees an in-flight place (to send, or to drop with nothing in flight). */
    boolean waiting;
    /** Simulated time of its next step while it is queued. */
    long keyMs;

    CollarTrack(int index, PlayLink link, Iterator<Action> actions) {
        this.index = index;
        this.link = link;
        this.actions = actions;
        advance();
    }

    Optional<Action> firstAction() {
        return Optional.ofNullable(head);
    }

    /** What the collar does next once online: the backlog first, then the script. */
    Optional<Action> next() {
        return Optional.ofNullable(backlog.isEmpty() ? head : backlog.peek());
    }

    /** Whether its next step is a send it has an in-flight place for. */
    boolean sendsNext(int perCollarInFlight) {
        return state == State.ONLINE && inFlight < perCollarInFlight
                && next().filter(a -> !(a instanceof Action.Drop)).isPresent();
    }

    /** Takes what {@link #next()} answered. */
    Action take() {
        if (!backlog.isEmpty()) {
            return backlog.poll();
        }
        Action taken = head;
        advance();
        return taken;
    }

    /**
     * Offline until {@code backAtMs}: what the script sends before then waits in the backlog, to go out first on
     * reconnecting; a drop meanwhile only makes the outage longer.
     */
    void offlineUntil(long backAt) {
        state = State.OFFLINE;
        backAtMs = backAt;
        while (head != null && head.atMs() < backAtMs) {
            if (head instanceof Action.Drop drop) {
                backAtMs = Math.max(backAtMs, drop.backAtMs());
            } else {
                backlog.add(head);
            }
            advance();
        }
    }

    String collarId() {
        return link.collarId();
    }

    private void advance() {
        head = actions.hasNext() ? actions.next() : null;
    }
}
