package io.petwatch.sim.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DeliveryLedger ledgerWith(int listed) {
        DeliveryLedger ledger = new DeliveryLedger(listed);
        for (long seq = 1; seq <= 5; seq++) {
            ledger.record(Delivery.acknowledged("collar-001", seq, 60, seq == 2));
        }
        ledger.record(Delivery.undelivered("collar-002", 1, 60, Delivery.Status.REFUSED,
                "refused by the broker: NOT_AUTHORIZED (\"acl\")\n"));
        ledger.record(Delivery.undelivered("collar-002", 2, 60, Delivery.Status.NOT_SENT, "offline"));
        ledger.record(Delivery.undelivered("collar-003", 7, 60, Delivery.Status.UNCONFIRMED, "no PUBACK"));
        return ledger;
    }

    @Test
    void theJsonReportCountsOnlyAcknowledgedBatchesAsPublishedAndNamesTheRest() throws Exception {
        DeliveryReport report = ledgerWith(100).report(3, new LinkStats(4, 2500, 900), Duration.ofMillis(1234));

        JsonNode json = JSON.readTree(report.toJson());

        assertEquals(3, json.get("collars").asInt());
        assertEquals(8, json.get("batches").asLong());
        assertEquals(5, json.get("published").asLong());
        assertEquals(5, json.get("acknowledged").asLong());
        assertEquals(1, json.get("acknowledgedAfterReconnect").asLong());
        assertEquals(300, json.get("samples").asLong());
        assertEquals(3, json.get("undelivered").asLong());
        assertEquals(1, json.get("refused").asLong());
        assertEquals(1, json.get("notSent").asLong());
        assertEquals(1, json.get("unconfirmed").asLong());
        assertEquals(0, json.get("failed").asLong());
        assertEquals(2, json.get("undeliveredByCollar").get("collar-002").asLong());
        JsonNode first = json.get("undeliveredBatches").get(0);
        assertEquals("collar-002", first.get("collar").asText());
        assertEquals(1, first.get("seq").asLong());
        assertEquals("REFUSED", first.get("status").asText());
        assertEquals("refused by the broker: NOT_AUTHORIZED (\"acl\")\n", first.get("reason").asText());
        assertEquals(3, json.get("undeliveredBatches").size());
        assertEquals(0, json.get("undeliveredOmitted").asLong());
        assertEquals(4, json.get("reconnects").asLong());
        assertEquals(2500, json.get("disconnectedMs").asLong());
        assertEquals(900, json.get("longestDisconnectMs").asLong());
        assertEquals(1234, json.get("tookMs").asLong());
        assertFalse(json.get("allDelivered").asBoolean());
    }

    @Test
    void listsUndeliveredBatchesOnlyUpToItsLimitButCountsThemAll() throws Exception {
        DeliveryReport report = ledgerWith(2).report(3, LinkStats.NONE, Duration.ZERO);

        JsonNode json = JSON.readTree(report.toJson());

        assertEquals(2, json.get("undeliveredBatches").size());
        assertEquals(1, json.get("undeliveredOmitted").asLong());
        assertEquals(3, json.get("undelivered").asLong());
        assertEquals(1, json.get("undeliveredByCollar").get("collar-003").asLong());
    }

    @Test
    void theFleetPublishersFiguresFollowTheCountsInTheJson() throws Exception {
        PublishFigures figures = new PublishFigures(50, 2, 300, 4, 1, 6, new Percentiles(300, 1.25, 2.5, 9.875,
                12, 13.5), new Percentiles(50, 3, 4, 5, 6, 7), 480.5, 95.25, 2_940.04, 2_939.96, 104, 1_020);
        DeliveryReport report = ledgerWith(100).report(3, LinkStats.NONE, Duration.ofMillis(1234)).with(figures);

        JsonNode json = JSON.readTree(report.toJson());

        assertEquals(5, json.get("published").asLong(), "the counts stay as they were");
        assertEquals(1234, json.get("tookMs").asLong());
        assertEquals(50, json.get("collarsConnected").asLong());
        assertEquals(2, json.get("connectFailures").asLong());
        assertEquals(300, json.get("sent").asLong());
        assertEquals(4, json.get("malformedSent").asLong());
        assertEquals(1, json.get("malformedUndelivered").asLong());
        assertEquals(6, json.get("drops").asLong());
        JsonNode latency = json.get("ackLatencyMs");
        assertEquals(300, latency.get("count").asLong());
        assertEquals(1.25, latency.get("p50").asDouble());
        assertEquals(2.5, latency.get("p90").asDouble());
        assertEquals(9.875, latency.get("p99").asDouble());
        assertEquals(12, latency.get("p999").asDouble());
        assertEquals(13.5, latency.get("max").asDouble());
        assertEquals(5, json.get("connectMs").get("p99").asDouble());
        assertEquals(480.5, json.get("connectRate").asDouble());
        assertEquals(95.3, json.get("reconnectRate").asDouble(), "rates to a tenth");
        assertEquals(2_940.0, json.get("publishRate").asDouble());
        assertEquals(2_940.0, json.get("ackRate").asDouble());
        assertEquals(104, json.get("connectPhaseMs").asLong());
        assertEquals(1_020, json.get("playMs").asLong());
        assertEquals(figures, report.took(Duration.ofSeconds(2)).figures(), "a later took() keeps them");
    }

    @Test
    void anEmptyRunHasDeliveredEverything() throws Exception {
        DeliveryReport report = DeliveryReport.empty(24);

        assertTrue(report.allDelivered());
        assertTrue(JSON.readTree(report.toJson()).get("allDelivered").asBoolean());
        assertEquals(0, JSON.readTree(report.toJson()).get("undeliveredBatches").size());
    }
}
