package io.petwatch.collector.signal.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.petwatch.collector.api.BadInput;
import io.petwatch.collector.signal.Parsed;
import io.petwatch.collector.signal.Samples;
import io.petwatch.collector.signal.Signal;
import io.petwatch.collector.signal.SignalEvent;
import io.petwatch.collector.signal.SignatureCheck;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AfterShipEventsTest {
    private final AfterShipEvents events = new AfterShipEvents();

    private SignalEvent stored(byte[] body) {
        return assertInstanceOf(Parsed.Stored.class, events.parse(body)).event();
    }

    @Test
    void normalisesATrackingUpdateLikeEasyPostsWithIso2CountriesAndUtcTimes() {
        SignalEvent event = stored(Samples.bytes(Samples.AFTERSHIP_TRACKING_UPDATE));

        assertEquals("7a1c2e4b-9d3f-4b6a-8c2e-5f1d0b3a9e77", event.eventId());
        assertEquals(Signal.DELIVERY, event.signal());
        assertEquals("AS3000000003", event.subject());
        assertEquals(Instant.parse("2026-12-02T09:15:04Z"), event.occurredAt());
        assertEquals("{\"tracking_code\":\"AS3000000003\",\"carrier\":\"royal-mail\",\"status\":\"in_transit\","
                + "\"status_detail\":\"Acceptance scan\",\"est_delivery\":\"2026-12-04T17:00:00Z\","
                + "\"label_created_at\":\"2026-12-01T08:00:00Z\",\"origin_country\":\"GB\","
                + "\"destination_country\":\"GB\",\"international\":false,\"checkpoints\":[{\"at\":"
                + "\"2026-12-02T09:10:00Z\",\"status\":\"in_transit\",\"status_detail\":\"Acceptance scan\","
                + "\"message\":\"Item received at the Mail Centre\",\"country\":\"GB\"}]}", event.facts().toString());
    }

    @Test
    void mapsAfterShipsTagsToTheContractsStatuses() {
        assertEquals("delivered", statusOf("Delivered", "Delivered_001"));
        assertEquals("failure", statusOf("AttemptFail", "AttemptFail_001"));
        assertEquals("return_to_sender", statusOf("Exception", "Exception_011"));
        assertEquals("failure", statusOf("Exception", "Exception_004"));
        assertEquals("unknown", statusOf("SomethingNew", "SomethingNew_001"));
    }

    private String statusOf(String tag, String subtag) {
        return stored(Samples.with(Samples.AFTERSHIP_TRACKING_UPDATE,
                "\"tag\": \"InTransit\",\n    \"subtag\": \"InTransit_002\"",
                "\"tag\": \"" + tag + "\",\n    \"subtag\": \"" + subtag + "\"")).facts().get("status").asText();
    }

    @Test
    void anotherEventIsIgnoredAndAMissingTrackingNumberIsNamed() {
        assertInstanceOf(Parsed.Ignored.class, events.parse(Samples.with(Samples.AFTERSHIP_TRACKING_UPDATE,
                "\"tracking_update\"", "\"edd_revise\"")));
        BadInput bad = assertThrows(BadInput.class, () -> events.parse(Samples.with(
                Samples.AFTERSHIP_TRACKING_UPDATE, "\"tracking_number\": \"AS3000000003\",", "")));

        assertEquals("msg.tracking_number: is required", bad.getMessage());
    }

    @Test
    void verifiesTheBase64SignatureOfTheBody() {
        byte[] body = Samples.bytes(Samples.AFTERSHIP_TRACKING_UPDATE);
        AfterShipSignature signature = new AfterShipSignature("aftership-unit-secret");

        assertTrue(signature.verify(body, Optional.of(AfterShipSignature.header("aftership-unit-secret", body)))
                .isValid());
        assertEquals(SignatureCheck.Result.FORGED, signature.verify(body,
                Optional.of(AfterShipSignature.header("other-secret", body))).result());
        assertEquals(SignatureCheck.Result.FORGED, signature.verify(body, Optional.empty()).result());
    }
}
