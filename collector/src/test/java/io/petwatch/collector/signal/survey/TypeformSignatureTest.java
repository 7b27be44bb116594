package io.petwatch.collector.signal.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.signal.Samples;
import io.petwatch.collector.signal.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TypeformSignatureTest {
    private static final String SECRET = "typeform-unit-secret";
    private static final byte[] BODY = Samples.bytes(Samples.TYPEFORM_RESPONSE);

    @Test
    void signsTheBodyInBase64LikeOpenssl() {
        // printf '%s' '{"event_id":"e1"}' | openssl dgst -sha256 -hmac typeform-unit-secret -binary | base64
        assertEquals("sha256=7VASbtwyUszkVqL//UB4TQJWx0/I/InhZHfA/g3HksQ=",
                TypeformSignature.header(SECRET, "{\"event_id\":\"e1\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void acceptsTheValidSignature() {
        assertTrue(new TypeformSignature(SECRET).verify(BODY, Optional.of(TypeformSignature.header(SECRET, BODY)))
                .isValid());
    }

    @Test
    void refusesAWrongSecretAnAlteredBodyOrNoHeaderAsForged() {
        TypeformSignature verifier = new TypeformSignature(SECRET);
        byte[] altered = Samples.with(Samples.TYPEFORM_RESPONSE, "\"number\": 3", "\"number\": 10");

        assertEquals(SignatureCheck.Result.FORGED,
                verifier.verify(BODY, Optional.of(TypeformSignature.header("other-secret", BODY))).result());
        assertEquals(SignatureCheck.Result.FORGED,
                verifier.verify(altered, Optional.of(TypeformSignature.header(SECRET, BODY))).result());
        assertEquals(SignatureCheck.Result.FORGED, verifier.verify(BODY, Optional.empty()).result());
        assertTrue(verifier.verify(BODY, Optional.of("hmac=abc")).reason().contains("sha256="));
    }
}
