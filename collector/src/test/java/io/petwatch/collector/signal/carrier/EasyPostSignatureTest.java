package io.petwatch.collector.signal.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.signal.Samples;
import io.petwatch.collector.signal.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EasyPostSignatureTest {
    private static final String SECRET = "easypost-unit-secret";
    private static final byte[] BODY = Samples.bytes(Samples.EASYPOST_TRACKER_UPDATED);

    @Test
    void signsTheBodyLikeOpensslInEasyPostsHeaderFormat() {
        // printf '%s' '{"id":"evt_1"}' | openssl dgst -sha256 -hmac easypost-unit-secret
        assertEquals("hmac-sha256-hex=063a64c340e69cfc79b5d7f2be9529c5bf6229ed499f50d0d15c07ea700c9612",
                EasyPostSignature.header(SECRET, "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void acceptsTheValidSignature() {
        assertTrue(new EasyPostSignature(SECRET).verify(BODY, Optional.of(EasyPostSignature.header(SECRET, BODY)))
                .isValid());
    }

    @Test
    void acceptsUpperCaseHex() {
        String header = EasyPostSignature.header(SECRET, BODY);
        String upper = EasyPostSignature.PREFIX + header.substring(EasyPostSignature.PREFIX.length()).toUpperCase();

        assertTrue(new EasyPostSignature(SECRET).verify(BODY, Optional.of(upper)).isValid());
    }

    @Test
    void keysWithTheSecretInNfkdFormAsEasyPostsLibrariesDo() {
        String composed = "caf\u00e9-secret-1234567";
        String decomposed = "cafe\u0301-secret-1234567";

        assertTrue(new EasyPostSignature(composed).verify(BODY,
                Optional.of(EasyPostSignature.header(decomposed, BODY))).isValid());
    }

    @Test
    void refusesAWrongSecretAnAlteredBodyOrNoHeaderAsForged() {
        EasyPostSignature verifier = new EasyPostSignature(SECRET);
        byte[] altered = Samples.with(Samples.EASYPOST_TRACKER_UPDATED, "\"in_transit\"", "\"delivered\"");

        SignatureCheck wrongSecret = verifier.verify(BODY, Optional.of(EasyPostSignature.header("other", BODY)));
        assertEquals(SignatureCheck.Result.FORGED, wrongSecret.result());
        assertTrue(wrongSecret.reason().contains("does not match"), wrongSecret.reason());
        assertEquals(SignatureCheck.Result.FORGED,
                verifier.verify(altered, Optional.of(EasyPostSignature.header(SECRET, BODY))).result());
        assertEquals(SignatureCheck.Result.FORGED, verifier.verify(BODY, Optional.empty()).result());
        assertTrue(verifier.verify(BODY, Optional.of("sha256=abc")).reason().contains("hmac-sha256-hex="));
    }
}
