package io.petwatch.collector.ingest;

import io.petwatch.collector.api.InputText;
import io.petwatch.collector.hub.HubRegistry;
import io.petwatch.collector.hub.HubTokens;
import io.petwatch.collector.throttle.CredentialGuard;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks a hub's HTTP Basic credentials (hub id, hub token) against the stored token hash; revoked hubs fail. Guessing
 * is throttled by the {@link CredentialGuard}, per source address and per hub id.
 */
@ApplicationScoped
public class HubAuthenticator {
    private final HubRegistry hubs;
    private final CredentialGuard guard;

    public HubAuthenticator(HubRegistry hubs, CredentialGuard guard) {
        this.hubs = hubs;
        this.guard = guard;
    }

    /** Why a hub was not let in. */
    public enum Refusal { NO_CREDENTIALS, UNKNOWN_OR_WRONG, REVOKED }

    /** The outcome of checking credentials: the hub id, or why it was refused. */
    public record Outcome(Optional<String> hubId, Optional<Refusal> refusal) {
        static Outcome ok(String hubId) {
            return new Outcome(Optional.of(hubId), Optional.empty());
        }

        static Outcome refused(Refusal why) {
            return new Outcome(Optional.empty(), Optional.of(why));
        }
    }

    /**
     * Checks the credentials sent from {@code source} (see {@link CredentialGuard#source}).
     *
     * @throws io.petwatch.collector.api.Throttled when the source or the hub id has had too many wrong tokens lately:
     *                                             the token is then not checked at all
     */
    public Outcome check(String authorization, String source) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Outcome.refused(Refusal.NO_CREDENTIALS);
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Outcome.refused(Refusal.NO_CREDENTIALS);
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Outcome.refused(Refusal.NO_CREDENTIALS);
        }
        String hubId = decoded.substring(0, colon);
        guard.admit(CredentialGuard.Kind.HUB, source, hubId);
        byte[] offered = HubTokens.sha256Hex(decoded.substring(colon + 1)).getBytes(StandardCharsets.US_ASCII);
        // An id no hub can have (a NUL, say) is a wrong credential like any other, and never reaches the database.
        Optional<HubRegistry.Credentials> stored = InputText.problem(hubId, AlertValidator.MAX_ID_LENGTH,
                InputText.Kind.LINE).isPresent() ? Optional.empty() : hubs.credentials(hubId);
        if (stored.isEmpty() || !MessageDigest.isEqual(stored.get().tokenSha256().getBytes(StandardCharsets.US_ASCII),
                offered)) {
            guard.failed(CredentialGuard.Kind.HUB, source, hubId);
            return Outcome.refused(Refusal.UNKNOWN_OR_WRONG);
        }
        // Only a hub that proves its token learns that it is revoked.
        return stored.get().revoked() ? Outcome.refused(Refusal.REVOKED) : Outcome.ok(hubId);
    }
}
