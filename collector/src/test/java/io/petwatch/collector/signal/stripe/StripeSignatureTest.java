package io.petwatch.collector.signal.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.signal.Samples;
import io.petwatch.collector.signal.SignatureCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StripeSignatureTest {
    private static final String SECRET = "whsec_unit_test_secret_0123456789";
    private static final Instant NOW = Instant.parse("2026-12-05T11:30:00Z");
    private static final byte[] BODY = Samples.bytes(Samples.STRIPE_PAYMENT_FAILED);

    private static StripeSignature verifierAt(Instant now) {
        return new StripeSignature(SECRET, Duration.ofSeconds(300), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void acceptsTheSignatureStripeComputesOverTimestampDotBody() {
        String header = StripeSignature.header(SECRET, NOW.getEpochSecond(), BODY);

        assertTrue(verifierAt(NOW).verify(BODY, Optional.of(header)).isValid());
    }

    @Test
    void signsLikeOpenssl() {
        // printf '%s' '1700000000.{}' | openssl dgst -sha256 -hmac whsec_unit_test_secret_0123456789
        assertEquals("d10dc66576cfae562f2d4d1ce9537de696bf46e95126430c8404d3f8deb78735",
                StripeSignature.sign(SECRET, 1_700_000_000L, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void acceptsWhenAnyOfSeveralV1SignaturesMatches() {
        String good = StripeSignature.sign(SECRET, NOW.getEpochSecond(), BODY);
        String header = "t=" + NOW.getEpochSecond() + ",v1=" + "0".repeat(64) + ",v1=" + good + ",v0=ignored";

        assertTrue(verifierAt(NOW).verify(BODY, Optional.of(header)).isValid());
    }

    @Test
    void refusesASignatureMadeWithAnotherSecretAsForged() {
        String header = StripeSignature.header("whsec_someone_else", NOW.getEpochSecond(), BODY);

        SignatureCheck check = verifierAt(NOW).verify(BODY, Optional.of(header));

        assertEquals(SignatureCheck.Result.FORGED, check.result());
        assertTrue(check.reason().contains("no v1 signature"), check.reason());
    }

    @Test
    void refusesAnAlteredBodyAsForged() {
        String header = StripeSignature.header(SECRET, NOW.getEpochSecond(), BODY);
        byte[] altered = Samples.with(Samples.STRIPE_PAYMENT_FAILED, "\"amount_due\": 1999", "\"amount_due\": 1");

        assertEquals(SignatureCheck.Result.FORGED, verifierAt(NOW).verify(altered, Optional.of(header)).result());
    }

    @Test
    void refusesAMissingOrMalformedHeaderAsForged() {
        StripeSignature verifier = verifierAt(NOW);

        assertEquals(SignatureCheck.Result.FORGED, verifier.verify(BODY, Optional.empty()).result());
        assertTrue(verifier.verify(BODY, Optional.of("v1=" + "a".repeat(64))).reason().contains("t="));
        assertTrue(verifier.verify(BODY, Optional.of("t=" + NOW.getEpochSecond())).reason().contains("no v1"));
        assertTrue(verifier.verify(BODY, Optional.of("t=soon,v1=ab")).reason().contains("not a time"));
    }

    @Test
    void refusesAGenuineSignatureReplayedAfterTheToleranceAsStale() {
        String header = StripeSignature.header(SECRET, NOW.getEpochSecond(), BODY);

        SignatureCheck replayed = verifierAt(NOW.plusSeconds(301)).verify(BODY, Optional.of(header));
        SignatureCheck justInTime = verifierAt(NOW.plusSeconds(300)).verify(BODY, Optional.of(header));

        assertEquals(SignatureCheck.Result.STALE, replayed.result());
        assertTrue(replayed.reason().contains("tolerance of 300 s"), replayed.reason());
        assertTrue(justInTime.isValid());
    }

    @Test
    void refusesATimestampFarInTheFutureAsStale() {
        String header = StripeSignature.header(SECRET, NOW.plusSeconds(3600).getEpochSecond(), BODY);

        assertEquals(SignatureCheck.Result.STALE, verifierAt(NOW).verify(BODY, Optional.of(header)).result());
    }
}
