package io.petwatch.collector.outreach;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.petwatch.collector.config.PetwatchConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

/**
 * Which provider channels can send, shared by every collector instance through {@code channel_status}. A channel
 * whose credentials the provider rejected is DOWN: its messages stay QUEUED and nothing is sent on it until
 * {@code retry_at}, when the relay tries one message; a success brings it UP again. Each change is an operator event
 * ({@code channel_events}, the log at ERROR), a metric ({@code petwatch_channel_up}) and the {@code outreach-channels}
 * health check.
 */
@ApplicationScoped
public class ChannelStatus {
    private static final Logger LOG = Logger.getLogger(ChannelStatus.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration retryAfter;
    // The last state read, per channel, for the gauge and the health check (both must not touch the database).
    private final Map<String, State> last = new ConcurrentHashMap<>();
    private volatile long lastRead = System.nanoTime() - Duration.ofDays(1).toNanos();

    public ChannelStatus(Jdbi jdbi, Clock clock, PetwatchConfig config, MeterRegistry registry) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.retryAfter = config.outreach().credentialRetry();
        for (String channel : List.of(ChannelPlan.SMS, ChannelPlan.EMAIL, ChannelPlan.PUSH)) {
            last.put(channel, new State(channel, true, Optional.empty(), Instant.EPOCH, Optional.empty()));
            Gauge.builder("petwatch.channel.up", last, m -> m.get(channel).up() ? 1 : 0)
                    .description("1 while the channel can send, 0 while its provider rejects our credentials")
                    .tag("channel", channel).register(registry);
        }
    }

    /** A channel's state: up, or down since when and why, with the time of its next probe. */
    public record State(String channel, boolean up, Optional<String> reason, Instant since, Optional<Instant> retryAt) {
    }

    /** Every channel's state as the database has it now. */
    public List<State> states() {
        List<State> states = jdbi.withHandle(h -> h.select("SELECT channel, status, reason, since, retry_at"
                + " FROM channel_status ORDER BY channel").map((rs, ctx) -> new State(rs.getString(1),
                rs.getString(2).equals("UP"), Optional.ofNullable(rs.getString(3)), rs.getTimestamp(4).toInstant(),
                Optional.ofNullable(rs.getTimestamp(5)).map(java.sql.Timestamp::toInstant))).list());
        states.forEach(s -> last.put(s.channel(), s));
        return states;
    }

    /**
     * Every channel's state, read again only when the last read is older than {@code maxAge}: the relay asks on every
     * run, and a change made by another instance needs to be seen within a second, not within a microsecond.
     */
    public List<State> recent(Duration maxAge) {
        long now = System.nanoTime();
        if (now - lastRead > maxAge.toNanos()) {
            states();
            lastRead = now;
        }
        return lastKnown();
    }

    /** The state last read, without a database round trip (for the health check). */
    public List<State> lastKnown() {
        return last.values().stream().sorted(java.util.Comparator.comparing(State::channel)).toList();
    }

    /** Whether the relay may send on {@code channel} now: it is up, or down and due for a probe. */
    public boolean sendable(State state, Instant now) {
        return state.up() || state.retryAt().map(at -> !at.isAfter(now)).orElse(true);
    }

    /** The provider rejected our credentials on {@code channel}: down for every instance until the next probe. */
    public void down(String channel, String reason) {
        Instant now = clock.instant();
        Instant retry = now.plus(retryAfter);
        boolean changed = jdbi.withHandle(h -> h.execute("""
                UPDATE channel_status SET status = 'DOWN', reason = ?, retry_at = ?,
                       since = CASE WHEN status = 'DOWN' THEN since ELSE ? END
                 WHERE channel = ? AND (status = 'UP' OR reason IS DISTINCT FROM ?)""", reason, retry, now, channel,
                reason)) == 1;
        if (changed) {
            jdbi.useHandle(h -> h.execute("INSERT INTO channel_events (channel, status, reason, at)"
                    + " VALUES (?, 'DOWN', ?, ?)", channel, reason, now));
        } else {
            jdbi.useHandle(h -> h.execute("UPDATE channel_status SET retry_at = ? WHERE channel = ?", retry, channel));
        }
        last.put(channel, new State(channel, false, Optional.of(reason), now, Optional.of(retry)));
        LOG.errorf("Channel %s is DOWN: %s. Its messages stay queued; the next try is at %s", channel, reason, retry);
    }

    /** A message left on {@code channel}: if it was down, it is up again. */
    public void up(String channel) {
        Instant now = clock.instant();
        if (jdbi.withHandle(h -> h.execute("""
                UPDATE channel_status SET status = 'UP', reason = NULL, retry_at = NULL, since = ?
                 WHERE channel = ? AND status = 'DOWN'""", now, channel)) == 1) {
            jdbi.useHandle(h -> h.execute("INSERT INTO channel_events (channel, status, reason, at)"
                    + " VALUES (?, 'UP', ?, ?)", channel, "a message was accepted by the provider", now));
            LOG.infof("Channel %s is UP again", channel);
        }
        last.put(channel, new State(channel, true, Optional.empty(), now, Optional.empty()));
    }

    /** An operator asks for a channel that is down to be tried now; false when it is up. */
    public boolean probeNow(String channel) {
        boolean due = jdbi.withHandle(h -> h.execute("UPDATE channel_status SET retry_at = ? WHERE channel = ?"
                + " AND status = 'DOWN'", clock.instant(), channel)) == 1;
        states();
        return due;
    }

    /** An operator event: a change of a channel's state. */
    public record Event(String channel, String status, String reason, Instant at) {
    }

    /** The newest channel events first. */
    public List<Event> events(int limit) {
        return jdbi.withHandle(h -> h.select("SELECT channel, status, reason, at FROM channel_events"
                + " ORDER BY id DESC LIMIT ?", limit).map((rs, ctx) -> new Event(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getTimestamp(4).toInstant())).list());
    }
}
