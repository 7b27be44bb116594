package io.petwatch.collector.signal.survey;

import io.petwatch.collector.signal.HmacSha256;
import io.petwatch.collector.signal.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Typeform's webhook signature, {@code Typeform-Signature: sha256=<base64>}: HMAC-SHA256 of the raw body, keyed with
 * the webhook's secret, Base64-encoded (not hex). There is no signed timestamp, so replays are stopped by the event
 * id alone (stored once); any change to the body breaks the signature.
 */
public final class TypeformSignature {
    /** The request header Typeform signs with. */
    public static final String HEADER = "Typeform-Signature";
    static final String PREFIX = "sha256=";

    private final byte[] secret;

    public TypeformSignature(String secret) {
        if (secret.isBlank()) {
            throw new IllegalArgumentException("petwatch.signals.survey.webhook-secret must be set to verify webhooks");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The whole header value Typeform sends for this body, for tests and the bench. */
    public static String header(String secret, byte[] body) {
        return PREFIX + Base64.getEncoder().encodeToString(HmacSha256.mac(secret.getBytes(StandardCharsets.UTF_8),
                body));
    }

    public SignatureCheck verify(byte[] body, Optional<String> header) {
        if (header.isEmpty() || header.get().isBlank()) {
            return SignatureCheck.forged("no " + HEADER + " header: set a secret on the Typeform webhook");
        }
        String given = header.get().trim();
        if (!given.startsWith(PREFIX)) {
            return SignatureCheck.forged(HEADER + " must start with " + PREFIX);
        }
        byte[] expected = Base64.getEncoder().encode(HmacSha256.mac(secret, body));
        return HmacSha256.same(expected, given.substring(PREFIX.length()).getBytes(StandardCharsets.US_ASCII))
                ? SignatureCheck.valid()
                : SignatureCheck.forged(HEADER + " does not match the body: is petwatch.signals.survey.webhook-secret"
                        + " the Typeform webhook's secret?");
    }
}
