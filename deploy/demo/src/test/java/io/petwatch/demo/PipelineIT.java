package io.petwatch.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.petwatch.sim.scenario.Episode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline against this machine's real services: Mosquitto on 127.0.0.1:1883 and PostgreSQL on
 * 127.0.0.1:5432 (database test, a fresh schema per run). Simulator and gateway run in this JVM, the collector
 * from its packaged jar. An unreachable service fails the test; it never skips.
 */
class PipelineIT {
    private static final String MQTT_HOST = System.getProperty("petwatch.it.mqtt.host", "127.0.0.1");
    private static final int MQTT_PORT = Integer.getInteger("petwatch.it.mqtt.port", 1883);
    private static final String DB_URL = System.getProperty("petwatch.it.db.url",
            "jdbc:postgresql://127.0.0.1:5432/test");

    private static DemoRunner.Result result;
    private static Map<String, Owner> ownersByCollar;

    /** The seed's owner and pet for a collar. */
    record Owner(String firstName, String lastName, String phone, String petName) {
    }

    @BeforeAll
    static void givenTheFleetRanThroughTheRealServices() throws IOException {
        requireReachable("Mosquitto", MQTT_HOST, MQTT_PORT, "mosquitto -d -c /etc/mosquitto/mosquitto.conf");
        URI db = ItContainers.jdbcAddress(DB_URL);
        requireReachable("PostgreSQL", db.getHost(), db.getPort(),
                "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start");
        Map<String, String> env = new HashMap<>();
        env.put("PETWATCH_MQTT_URL", "tcp://" + MQTT_HOST + ":" + MQTT_PORT);
        env.put("PETWATCH_DB_URL", DB_URL);
        env.put("PETWATCH_COLLECTOR_JAR", System.getProperty("petwatch.collector.jar",
                "../../collector/target/quarkus-app/quarkus-run.jar"));
        env.put("PETWATCH_DEMO_WORK_DIR", Path.of("target", "pipeline-it").toString());
        result = new DemoRunner().run(DemoSettings.fromEnvironment(env));
        ownersByCollar = seedOwners();
    }

    private static void requireReachable(String service, String host, int port, String howToStart) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
        } catch (IOException e) {
            throw new IllegalStateException(service + " is not reachable at " + host + ":" + port
                    + "; this integration test needs it (start it with: " + howToStart + ")", e);
        }
    }

    private static Map<String, Owner> seedOwners() throws IOException {
        try (InputStream in = Path.of("../../collector/src/main/resources/seed/demo-seed.json").toUri().toURL()
                .openStream()) {
            JsonNode seed = new ObjectMapper().readTree(in);
            Map<String, Owner> owners = new HashMap<>();
            for (JsonNode customer : seed.get("customers")) {
                for (JsonNode pet : customer.get("pets")) {
                    owners.put(pet.get("collar").asText(), new Owner(customer.get("firstName").asText(),
                            customer.get("lastName").asText(), customer.get("phone").asText(), pet.get("name").asText()));
                }
            }
            return owners;
        }
    }

    private static Set<String> lethargicCollars() {
        return collarsWith("lethargy");
    }

    /** The collars given an episode of this kind (lethargy; decline: the demo's slowly declining collar-004). */
    private static Set<String> collarsWith(String kind) {
        return result.sim().episodes().stream().filter(e -> kind.equals(e.kind())).map(Episode::collarId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyPublishedBatchReachedTheGateway() {
        assertEquals(result.sim().batchesPublished(), result.gateway().batchesDelivered());
        assertEquals(0, result.gateway().malformedPayloads());
        assertEquals(0, result.gateway().pendingAlerts());
    }

    @Test
    void eachLethargicCollarYieldsExactlyOneLowActivityAlertAndHealthyCollarsNone() {
        assertEquals(2, lethargicCollars().size());
        assertEquals(Set.of("collar-004"), collarsWith("decline"));
        result.alerts().forEach(a -> assertEquals("FIRING", a.get("state"), a.toString()));
        List<String> lethargic = result.alerts().stream().filter(a -> "LOW_ACTIVITY".equals(a.get("kind")))
                .map(a -> (String) a.get("collarId")).sorted().toList();
        List<String> drifting = result.alerts().stream().filter(a -> "ACTIVITY_DRIFT".equals(a.get("kind")))
                .map(a -> (String) a.get("collarId")).sorted().toList();

        assertEquals(List.copyOf(lethargicCollars()), lethargic);
        assertEquals(List.of("collar-004"), drifting, "the slowly declining collar drifts, and only it");
        assertEquals(3, result.alerts().size(), "no other alert: " + result.alerts());
    }

    @Test
    void eachAlertIsJoinedToTheRightCustomerAndPet() {
        assertEquals(3, result.cases().size()); // two lethargic pets and the declining one
        for (Map<String, Object> c : result.cases()) {
            Owner owner = ownersByCollar.get((String) c.get("collarId"));
            assertEquals(owner.firstName() + " " + owner.lastName(), c.get("ownerName"));
            assertEquals(owner.petName(), c.get("petName"));
            assertEquals("AWAITING_OWNER", c.get("status"));
        }
    }

    @Test
    void eachOwnerGetsExactlyOneSmsNamingThemAndTheirPet() {
        assertEquals(3, result.messages().size()); // the declining pet's wellness check is asserted with the signals
        for (String collar : lethargicCollars()) {
            Owner owner = ownersByCollar.get(collar);
            List<Map<String, Object>> texts = result.messages().stream()
                    .filter(m -> owner.phone().equals(m.get("recipient"))).toList();
            assertEquals(1, texts.size(), "texts to " + owner);
            String body = (String) texts.get(0).get("body");
            assertTrue(body.startsWith("Hi " + owner.firstName() + ","), body);
            assertTrue(body.contains(owner.petName() + " has been much less active than usual"), body);
            assertTrue(body.contains("Book a vet check: https://"), body);
            assertEquals("SENT", texts.get(0).get("status"));
        }
    }

    @Test
    void eachKindOfReplyLeavesItsCaseWithTheRightHolder() {
        List<String> lines = result.conversations();
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).matches("reply reassured: case #\\d+ OWNER_RESPONDED, holder none, timer stopped"),
                lines.get(0));
        assertTrue(lines.get(1).matches("reply worried: case #\\d+ ESCALATED, holder agent, timer stopped"),
                lines.get(1));
        assertTrue(lines.get(2).matches("reply help: case #\\d+ ESCALATED, holder agent, timer stopped"), lines.get(2));
        assertTrue(lines.get(3).matches("reply stop: case #\\d+ ESCALATED, holder agent, timer stopped"),
                lines.get(3));
    }

    @Test
    void eachSignalKindOpensItsCaseAndTextsTheCustomerItIsAbout() {
        List<String> lines = result.signals().lines();
        assertTrue(result.signals().allSent(), String.join("\n", lines));
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).matches("signal payment: case #\\d+, SMS \"Hi Grace, .*update your card here: https://invoice"
                + "\\.stripe\\.com/.*retries left: 2.*\""), lines.get(0));
        assertTrue(lines.get(1).matches("signal delivery: case #\\d+, SMS \"Hi Mateo, .*EZ1000000010 with RoyalMail is taking"
                + " longer.*\\u00a310\\.00 credit.*\""), lines.get(1));
        assertTrue(lines.get(2).matches("signal survey: case #\\d+, SMS \"Hi Ethan, .*call you today.*\""), lines.get(2));
        assertTrue(lines.get(3).matches("signal drift: case #\\d+, SMS \"Hi Tom, a gentle note from PetWatch: .*Goldie.*\""),
                lines.get(3));
    }
}
