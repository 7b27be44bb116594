package io.petwatch.collector.signal.carrier;

import io.petwatch.collector.signal.HmacSha256;
import io.petwatch.collector.signal.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * AfterShip's tracking webhook signature, {@code aftership-hmac-sha256: <base64>}: HMAC-SHA256 of the raw body keyed
 * with the account's webhook secret, Base64-encoded. Replays are stopped by the event id (stored once).
 */
public final class AfterShipSignature {
    /** The request header AfterShip signs with. */
    public static final String HEADER = "aftership-hmac-sha256";

    private final byte[] secret;

    public AfterShipSignature(String secret) {
        if (secret.isBlank()) {
            throw new IllegalArgumentException("petwatch.signals.aftership.webhook-secret must not be blank");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The header value AfterShip sends for this body, for tests. */
    public static String header(String secret, byte[] body) {
        return Base64.getEncoder().encodeToString(HmacSha256.mac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    public SignatureCheck verify(byte[] body, Optional<String> header) {
        if (header.isEmpty() || header.get().isBlank()) {
            return SignatureCheck.forged("no " + HEADER + " header: AfterShip signs every webhook");
        }
        byte[] expected = Base64.getEncoder().encode(HmacSha256.mac(secret, body));
        return HmacSha256.same(expected, header.get().trim().getBytes(StandardCharsets.US_ASCII))
                ? SignatureCheck.valid()
                : SignatureCheck.forged(HEADER + " does not match the body: is petwatch.signals.aftership.webhook-secret"
                        + " the AfterShip webhook secret?");
    }
}
