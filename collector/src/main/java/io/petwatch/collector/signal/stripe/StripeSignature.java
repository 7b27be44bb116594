package io.petwatch.collector.signal.stripe;

import io.petwatch.collector.api.InputText;
import io.petwatch.collector.signal.HmacSha256;
import io.petwatch.collector.signal.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Stripe's webhook signature, {@code Stripe-Signature: t=1733390000,v1=<hex>[,v1=<hex>...][,v0=...]}: HMAC-SHA256,
 * keyed with the endpoint's signing secret (whsec_..., used as it is), over {@code "<t>.<raw body>"}, in lower-case
 * hex. Any v1 may match (Stripe sends one per secret while a secret is being rolled); other schemes are ignored. A
 * genuine signature whose t is more than the tolerance from now is refused too, as Stripe's libraries do: without
 * it, a captured request could be replayed forever.
 */
public final class StripeSignature {
    /** The request header Stripe signs with. */
    public static final String HEADER = "Stripe-Signature";
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] secret;
    private final Duration tolerance;
    private final Clock clock;

    public StripeSignature(String secret, Duration tolerance, Clock clock) {
        if (secret.isBlank()) {
            throw new IllegalArgumentException("petwatch.signals.stripe.webhook-secret must be set to verify webhooks");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** The v1 signature of a payload sent at epoch second {@code t}, in hex. */
    public static String sign(String secret, long t, byte[] payload) {
        return HEX.formatHex(HmacSha256.mac(secret.getBytes(StandardCharsets.UTF_8),
                (t + ".").getBytes(StandardCharsets.US_ASCII), payload));
    }

    /** A whole header value as Stripe sends it, for tests and the bench. */
    public static String header(String secret, long t, byte[] payload) {
        return "t=" + t + ",v1=" + sign(secret, t, payload);
    }

    public SignatureCheck verify(byte[] payload, Optional<String> header) {
        if (header.isEmpty() || header.get().isBlank()) {
            return SignatureCheck.forged("no " + HEADER + " header: Stripe signs every webhook");
        }
        Optional<Long> t = Optional.empty();
        List<String> v1 = new ArrayList<>();
        for (String element : header.get().split(",")) {
            int eq = element.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = element.substring(0, eq).trim();
            String value = element.substring(eq + 1).trim();
            if (key.equals("t")) {
                try {
                    t = Optional.of(Long.parseLong(value));
                } catch (NumberFormatException e) {
                    return SignatureCheck.forged(HEADER + " t= is not a time in seconds: '"
                            + InputText.printable(value, 20) + "'");
                }
            } else if (key.equals("v1")) {
                v1.add(value);
            }
        }
        if (t.isEmpty()) {
            return SignatureCheck.forged(HEADER + " has no timestamp (t=)");
        }
        if (v1.isEmpty()) {
            return SignatureCheck.forged(HEADER + " has no v1 signature");
        }
        byte[] expected = sign(new String(secret, StandardCharsets.UTF_8), t.get(), payload)
                .getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String candidate : v1) {
            // Every candidate is compared, in constant time each, so the answer's timing says nothing.
            matched |= HmacSha256.same(expected, candidate.getBytes(StandardCharsets.US_ASCII));
        }
        if (!matched) {
            return SignatureCheck.forged("no v1 signature in " + HEADER + " matches the body: is"
                    + " petwatch.signals.stripe.webhook-secret this endpoint's signing secret?");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - t.get());
        if (skew > tolerance.toSeconds()) {
            return SignatureCheck.stale(HEADER + " t=" + t.get() + " is " + skew + " s from now, more than the"
                    + " tolerance of " + tolerance.toSeconds() + " s (petwatch.signals.stripe.tolerance): a replayed"
                    + " request, or a clock far off");
        }
        return SignatureCheck.valid();
    }
}
