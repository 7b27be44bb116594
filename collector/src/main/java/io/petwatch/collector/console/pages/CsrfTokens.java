package io.petwatch.collector.console.pages;

import io.petwatch.collector.config.PetwatchConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The console's CSRF tokens. A browser gets a random seed in an HttpOnly cookie; the token its pages carry is an HMAC
 * of the signed-in user and that seed under the session key. Any instance with the same key checks it (no server
 * state), another site can neither read the seed nor compute the token, and a token is good only for the user and
 * browser it was made for.
 */
@ApplicationScoped
public class CsrfTokens {
    /** The seed cookie's name. */
    public static final String SEED_COOKIE = "petwatch-csrf";
    /** The request header that carries the token (htmx adds it to every request the console's pages make). */
    public static final String HEADER = "X-CSRF-Token";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public CsrfTokens(PetwatchConfig config) {
        this(config.console().sessionKey());
    }

    CsrfTokens(String sessionKey) {
        // A key of its own, derived from the session key, so the cookie's encryption key is never used twice.
        this.key = new SecretKeySpec(hmac(sessionKey.getBytes(StandardCharsets.UTF_8), "petwatch csrf key"),
                "HmacSHA256");
    }

    /** A fresh seed for a browser that has none. */
    public String newSeed() {
        byte[] seed = new byte[24];
        random.nextBytes(seed);
        return B64.encodeToString(seed);
    }

    /** The token for this user in the browser holding this seed. */
    public String token(String user, String seed) {
        return B64.encodeToString(hmac(key.getEncoded(), user + "\n" + seed));
    }

    /** Whether {@code token} was made for this user and seed (compared in constant time). */
    public boolean valid(String user, String seed, String token) {
        if (user == null || seed == null || seed.isEmpty() || token == null) {
            return false;
        }
        return MessageDigest.isEqual(token(user, seed).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
