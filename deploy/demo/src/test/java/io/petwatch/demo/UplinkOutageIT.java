package io.petwatch.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.petwatch.gateway.Gateway;
import io.petwatch.gateway.config.ConfigSource;
import io.petwatch.gateway.config.GatewayConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The uplink is down for the last days of a fortnight of collar time, while two pets fall ill and recover: each
 * alert (FIRING, then RESOLVED) waits in the outbox and, when the real collector is back on the same port, arrives
 * once and in order per collar. Real Mosquitto and PostgreSQL.
 */
class UplinkOutageIT {
    @Test
    void alertsRaisedDuringADayLongOutageArriveOnceAndInOrderPerCollar() throws Exception {
        try (EndToEnd run = EndToEnd.create("uplink_outage");
             CollarFleet fleet = new CollarFleet(6, 16, 2, Duration.ofHours(48))) {
            run.startCollector();
            Map<String, String> settings = run.gatewaySettings(EndToEnd.BROKER, "outage");
            try (Gateway gateway = new Gateway(GatewayConfig.from(ConfigSource.of(settings)), Clock.systemUTC())) {
                gateway.start();
                fleet.connect(EndToEnd.BROKER);
                fleet.publishRounds(24 * 10);
                run.stopCollector(); // the hub's uplink goes down before anything is wrong

                fleet.publishRest(); // six more days of collar time: two pets fall ill and recover
                await().atMost(Duration.ofSeconds(60)).until(() -> gateway.status().batchesDelivered() == fleet.published());
                int expected = 2 * fleet.sickCollars().size(); // a FIRING and a RESOLVED each
                await().atMost(Duration.ofSeconds(10)).until(() -> gateway.status().pendingAlerts() == expected);

                CollectorApi api = run.startCollector();
                await().atMost(Duration.ofSeconds(30)).until(() -> gateway.status().pendingAlerts() == 0);

                List<Map<String, Object>> alerts = api.alerts();
                assertEquals(expected, alerts.size(), () -> "each alert once: " + alerts);
                Map<Object, List<String>> statesInArrivalOrder = alerts.stream()
                        .sorted(Comparator.comparingLong(a -> ((Number) a.get("arrival")).longValue()))
                        .collect(Collectors.groupingBy(a -> a.get("collarId"),
                                Collectors.mapping(a -> (String) a.get("state"), Collectors.toList())));
                assertEquals(fleet.sickCollars(), new java.util.TreeSet<>(statesInArrivalOrder.keySet()));
                statesInArrivalOrder.values().forEach(states -> assertEquals(List.of("FIRING", "RESOLVED"), states));
                await().atMost(Duration.ofSeconds(20)).until(() -> api.cases().stream()
                        .filter(c -> "RESOLVED".equals(c.get("status"))).count() == fleet.sickCollars().size());
            }
        }
    }
}
