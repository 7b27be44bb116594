package io.petwatch.collector.signal.carrier;

import io.petwatch.collector.signal.HmacSha256;
import io.petwatch.collector.signal.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * EasyPost's webhook signature, {@code X-Hmac-Signature: hmac-sha256-hex=<hex>}: HMAC-SHA256 of the raw body, keyed
 * with the webhook's {@code webhook_secret} in Unicode NFKD form (as EasyPost's client libraries'
 * {@code validate_webhook} normalise it), in hex. The body carries no signed timestamp, so replays are stopped by
 * the event id alone (stored once): a replayed body is the same event, and any change to it breaks the signature.
 */
public final class EasyPostSignature {
    /** The request header EasyPost signs with. */
    public static final String HEADER = "X-Hmac-Signature";
    static final String PREFIX = "hmac-sha256-hex=";
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] secret;

    public EasyPostSignature(String secret) {
        if (secret.isBlank()) {
            throw new IllegalArgumentException("petwatch.signals.easypost.webhook-secret must be set to verify webhooks");
        }
        this.secret = key(secret);
    }

    private static byte[] key(String secret) {
        return Normalizer.normalize(secret, Normalizer.Form.NFKD).getBytes(StandardCharsets.UTF_8);
    }

    /** The whole header value EasyPost sends for this body, for tests and the bench. */
    public static String header(String secret, byte[] body) {
        return PREFIX + HEX.formatHex(HmacSha256.mac(key(secret), body));
    }

    public SignatureCheck verify(byte[] body, Optional<String> header) {
        if (header.isEmpty() || header.get().isBlank()) {
            return SignatureCheck.forged("no " + HEADER + " header: set a webhook_secret on the EasyPost webhook");
        }
        String given = header.get().trim();
        if (!given.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return SignatureCheck.forged(HEADER + " must start with " + PREFIX);
        }
        byte[] expected = HEX.formatHex(HmacSha256.mac(secret, body)).getBytes(StandardCharsets.US_ASCII);
        byte[] digest = given.substring(PREFIX.length()).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return HmacSha256.same(expected, digest) ? SignatureCheck.valid()
                : SignatureCheck.forged(HEADER + " does not match the body: is petwatch.signals.easypost.webhook-secret"
                        + " the webhook's webhook_secret?");
    }
}
