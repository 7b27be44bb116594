package io.petwatch.collector.hub;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.petwatch.collector.config.PetwatchConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * The hubs allowed to upload alerts. A hub is registered (or paired again) with a fresh random token, which is
 * handed out once and kept only as its SHA-256; revoking a hub stops its token at once and keeps its history.
 * The only writer of the {@code hubs} table.
 */
@ApplicationScoped
public class HubRegistry {
    /** What a hub id may look like: it travels in HTTP Basic and in every alert. */
    static final Pattern HUB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Jdbi jdbi;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    // Credentials are checked on every upload and change only when a hub is registered, paired again or revoked: a
    // short-lived cache saves a round trip per upload. This instance forgets a hub at once when it changes it; other
    // instances within petwatch.ingest.credentials-cache.
    private final Cache<String, Credentials> cached;

    public HubRegistry(Jdbi jdbi, Clock clock, PetwatchConfig config) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.cached = Caffeine.newBuilder().expireAfterWrite(config.ingest().credentialsCache())
                .maximumSize(100_000).build();
    }

    /** A hub as operators see it; never its token. */
    public record Hub(String hubId, Optional<String> customerId, Optional<String> model, Instant createdAt,
                      Optional<Instant> revokedAt) {
    }

    /** A hub with the token it must be configured with; the only time the token is seen. */
    public record IssuedToken(String hubId, String token) {
    }

    /** What is stored to check a hub's token: its SHA-256 (lower-case hex) and whether the hub is revoked. */
    public record Credentials(String tokenSha256, boolean revoked) {
    }

    /** Why a change was refused. */
    public enum Refusal { INVALID_ID, UNKNOWN_CUSTOMER, ALREADY_REGISTERED, NO_SUCH_HUB, ALREADY_REVOKED }

    /** Exactly one of the two is present. */
    public record Result<T>(Optional<T> value, Optional<Refusal> refusal) {
        static <T> Result<T> ok(T value) {
            return new Result<>(Optional.of(value), Optional.empty());
        }

        static <T> Result<T> refused(Refusal why) {
            return new Result<>(Optional.empty(), Optional.of(why));
        }
    }

    /** Every hub, by id. */
    public List<Hub> list() {
        return jdbi.withHandle(h -> h.select(
                        "SELECT id, customer_id, model, created_at, revoked_at FROM hubs ORDER BY id")
                .map((rs, ctx) -> new Hub(rs.getString(1), Optional.ofNullable(rs.getString(2)),
                        Optional.ofNullable(rs.getString(3)), rs.getTimestamp(4).toInstant(), instant(rs, 5)))
                .list());
    }

    @Transactional
    public Result<IssuedToken> register(String hubId, Optional<String> customerId) {
        if (!HUB_ID.matcher(hubId).matches()) {
            return Result.refused(Refusal.INVALID_ID);
        }
        if (customerId.isPresent() && count("SELECT count(*) FROM customers WHERE id = ?", customerId.get()) == 0) {
            return Result.refused(Refusal.UNKNOWN_CUSTOMER);
        }
        String token = newToken();
        int inserted = jdbi.withHandle(h -> h.execute("""
                INSERT INTO hubs (id, customer_id, token_sha256) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                hubId, customerId.orElse(null), HubTokens.sha256Hex(token)));
        return inserted == 1 ? Result.ok(new IssuedToken(hubId, token)) : Result.refused(Refusal.ALREADY_REGISTERED);
    }

    /** A new token for the hub, the old one refused from now on; a revoked hub is paired again. */
    @Transactional
    public Result<IssuedToken> pairAgain(String hubId) {
        String token = newToken();
        int updated = jdbi.withHandle(h -> h.execute("UPDATE hubs SET token_sha256 = ?, revoked_at = NULL WHERE id = ?",
                HubTokens.sha256Hex(token), hubId));
        cached.invalidate(hubId);
        return updated == 1 ? Result.ok(new IssuedToken(hubId, token)) : Result.refused(Refusal.NO_SUCH_HUB);
    }

    @Transactional
    public Result<String> revoke(String hubId) {
        cached.invalidate(hubId);
        if (jdbi.withHandle(h -> h.execute("UPDATE hubs SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                clock.instant(), hubId)) == 1) {
            return Result.ok(hubId);
        }
        return Result.refused(count("SELECT count(*) FROM hubs WHERE id = ?", hubId) == 0 ? Refusal.NO_SUCH_HUB
                : Refusal.ALREADY_REVOKED);
    }

    /** Upserts a hub exactly as given (seed data): owner, token (stored as its SHA-256) and revoked or not. */
    public void load(String hubId, Optional<String> customerId, String token, boolean revoked) {
        jdbi.withHandle(h -> h.execute("""
                INSERT INTO hubs (id, customer_id, token_sha256, revoked_at)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET customer_id = EXCLUDED.customer_id,
                    token_sha256 = EXCLUDED.token_sha256, revoked_at = EXCLUDED.revoked_at""",
                hubId, customerId.orElse(null), HubTokens.sha256Hex(token), revoked ? clock.instant() : null));
        cached.invalidate(hubId);
    }

    /** Records the model a hub reports, writing only when it changed. */
    public void recordModel(String hubId, String model) {
        jdbi.withHandle(h -> h.execute("UPDATE hubs SET model = ? WHERE id = ? AND model IS DISTINCT FROM ?",
                model, hubId, model));
    }

    /** The stored token hash of a hub and whether it is revoked; empty for an unknown hub (which is not cached). */
    public Optional<Credentials> credentials(String hubId) {
        Credentials known = cached.getIfPresent(hubId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Credentials> stored = jdbi.withHandle(h -> h.select(
                        "SELECT token_sha256, revoked_at IS NOT NULL FROM hubs WHERE id = ?", hubId)
                .map((rs, ctx) -> new Credentials(rs.getString(1), rs.getBoolean(2)))
                .findFirst());
        stored.ifPresent(c -> cached.put(hubId, c));
        return stored;
    }

    private long count(String sql, String key) {
        return jdbi.withHandle(h -> h.select(sql, key).mapTo(Long.class).one());
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
    }

    /** 256 random bits, URL-safe, so it can sit in an environment file as is. */
    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
