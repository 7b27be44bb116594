package io.petwatch.collector.hub;

import io.petwatch.collector.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hubs allowed to upload alerts. A hub is registered (or paired again) with a fresh random token, which is
 * handed out once and kept only as its SHA-256; revoking a hub stops its token at once and keeps its history.
 */
@ApplicationScoped
public class HubRegistry {
    /** What a hub id may look like: it travels in HTTP Basic and in every alert. */
    static final Pattern HUB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Jdbc jdbc;
    private final SecureRandom random = new SecureRandom();

    public HubRegistry(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** A hub as operators see it; never its token. */
    public record Hub(String hubId, Optional<String> customerId, Optional<String> model, Instant createdAt,
                      Optional<Instant> revokedAt) {
    }

    /** A hub with the token it must be configured with; the only time the token is seen. */
    public record Credentials(String hubId, String token) {
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

    public List<Hub> list() {
        return jdbc.query("SELECT id, customer_id, model, created_at, revoked_at FROM hubs ORDER BY id",
                rs -> new Hub(rs.getString(1), Optional.ofNullable(rs.getString(2)),
                        Optional.ofNullable(rs.getString(3)), rs.getTimestamp(4).toInstant(), Jdbc.instant(rs, 5)));
    }

    @Transactional
    public Result<Credentials> register(String hubId, Optional<String> customerId) {
        if (!HUB_ID.matcher(hubId).matches()) {
            return Result.refused(Refusal.INVALID_ID);
        }
        if (customerId.isPresent()
                && jdbc.count("SELECT count(*) FROM customers WHERE id = ?", customerId.get()) == 0) {
            return Result.refused(Refusal.UNKNOWN_CUSTOMER);
        }
        String token = newToken();
        int inserted = jdbc.update("""
                INSERT INTO hubs (id, customer_id, token_sha256) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                hubId, customerId.orElse(null), HubTokens.sha256Hex(token));
        return inserted == 1 ? Result.ok(new Credentials(hubId, token)) : Result.refused(Refusal.ALREADY_REGISTERED);
    }

    /** A new token for the hub, the old one refused from now on; a revoked hub is paired again. */
    @Transactional
    public Result<Credentials> pairAgain(String hubId) {
        String token = newToken();
        int updated = jdbc.update("UPDATE hubs SET token_sha256 = ?, revoked_at = NULL WHERE id = ?",
                HubTokens.sha256Hex(token), hubId);
        return updated == 1 ? Result.ok(new Credentials(hubId, token)) : Result.refused(Refusal.NO_SUCH_HUB);
    }

    @Transactional
    public Result<String> revoke(String hubId) {
        if (jdbc.update("UPDATE hubs SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL", hubId) == 1) {
            return Result.ok(hubId);
        }
        return Result.refused(jdbc.count("SELECT count(*) FROM hubs WHERE id = ?", hubId) == 0 ? Refusal.NO_SUCH_HUB
                : Refusal.ALREADY_REVOKED);
    }

    /** 256 random bits, URL-safe, so it can sit in an environment file as is. */
    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
