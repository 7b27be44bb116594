package io.petwatch.collector.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two packaged collectors behind HAProxy on one PostgreSQL schema, as a production deployment runs them: hubs upload
 * while owners reply, one collector is killed with {@code kill -9} in the middle, and the database must show every
 * alert decided once, one text per case, every timer fired once, and nothing lost.
 *
 * <p>Not a {@code @QuarkusTest}: the test starts the collectors ({@code java -jar target/quarkus-app/quarkus-run.jar},
 * prod profile, every provider and secret passed explicitly) and HAProxy as processes of its own, so it needs the
 * packaged collector ({@code ./mvnw -B verify} packages before failsafe runs it) and {@code haproxy} on the PATH
 * (.ci/run installs it; missing, the test fails under CI=true and is skipped elsewhere). Logs, the HAProxy config,
 * the playbook and a report of the run are in {@code target/cluster-it/}.
 */
class TwoCollectorsIT {
    private static final int HUBS = 60;
    private static final int COLLARS_PER_HUB = 5;
    /** Every third owner answers the text; the others never do, so their cases' timers fire. */
    private static final int REPLY_EVERY = 3;
    /** Every fourth collar also gets a HIGH alert of the same episode, uploaded separately. */
    private static final int HIGH_EVERY = 4;
    private static final double RESEND_SHARE = 0.15;
    private static final Duration UPLOAD_SPREAD = Duration.ofSeconds(10);
    /** Kill one collector once this share of the uploads has been answered. */
    private static final double KILL_AT = 0.4;
    /**
     * How long the survivor may take to decide everything. Generous: a text the killed collector had claimed waits
     * for its 60 s lease (MessageRelay.LEASE) before the survivor sends it, then its 10 s timer.
     */
    private static final Duration DECIDED_WITHIN = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, Object> report = new LinkedHashMap<>();
    private final Path runDir = moduleDir().resolve("target/cluster-it");
    private final Instant begin = Instant.now();

    private ClusterDatabase db;
    private CollectorProcess first;
    private CollectorProcess second;
    private HaproxyProcess proxy;
    private Fleet fleet;
    private HubTraffic hubs;
    private Owners owners;
    private String authToken;
    private volatile Instant killedAt;
    private Instant uploadsAnsweredAt;

    @Test
    void twoInstancesDecideEveryAlertOnceAndSurviveAKill() {
        givenTwoCollectorsStartedAtOnceBehindHaproxyOnOneSchema();
        givenHubsAndOwnersProvisionedThroughTheProxy();

        whenHubsUploadAndOwnersReplyWhileOneCollectorIsKilled();

        thenEveryAlertIsDecidedOnceEveryTimerFiresOnceAndNothingIsLost();
    }

    // Given.

    private void givenTwoCollectorsStartedAtOnceBehindHaproxyOnOneSchema() {
        Path haproxy = HaproxyProcess.requireBinary();
        prepareRunDir();
        String schema = "petwatch_cluster_it_" + HexFormat.of().formatHex(randomBytes(4));
        db = closeLater(ClusterDatabase.fresh(schema));
        authToken = HexFormat.of().formatHex(randomBytes(20));
        fleet = new Fleet(HexFormat.of().formatHex(randomBytes(16)));
        int proxyPort = freePort();
        URI proxyUrl = URI.create("http://127.0.0.1:" + proxyPort);
        Path playbook = copyResource("/cluster/playbook.yaml", runDir.resolve("playbook.yaml"));

        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_PROFILE", "prod");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", ClusterDatabase.USER);
        env.put("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", "12");
        env.put("QUARKUS_FLYWAY_SCHEMAS", schema);
        env.put("PETWATCH_SMS_PROVIDER", "recording");
        env.put("PETWATCH_EMAIL_PROVIDER", "recording");
        env.put("PETWATCH_PUSH_PROVIDER", "recording");
        env.put("PETWATCH_SMS_AUTH_TOKEN", authToken);
        // One key for both instances: a console session signed in on one is read by the other.
        env.put("PETWATCH_CONSOLE_SESSION_KEY", authToken + "-console");
        for (String source : new String[] {"STRIPE", "EASYPOST", "SURVEY"}) {
            env.put("PETWATCH_SIGNALS_" + source + "_WEBHOOK_SECRET", authToken + "-" + source.toLowerCase());
        }
        // The provider signs its webhooks over the public URL configured with it: the load balancer's.
        env.put("PETWATCH_SMS_WEBHOOK_URL", proxyUrl.resolve("/api/v1/sms/inbound").toString());
        env.put("PETWATCH_PLAYBOOK_LOCATION", playbook.toString());
        env.put("PETWATCH_TRIAGE_TIMER_INTERVAL", "1s");
        env.put("PETWATCH_OUTREACH_RELAY_INTERVAL", "1s");
        env.put("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true");
        env.put("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true");
        env.put("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "127.0.0.1");
        env.putAll(fleet.staffEnvironment());

        // Both at once, on an empty schema: their Flyway migrations race for the same lock, as in a rolling deploy.
        Path jar = collectorJar();
        Instant starting = Instant.now();
        first = closeLater(CollectorProcess.start("collector-a", jar, freePort(), env, runDir.resolve("collector-a.log")));
        second = closeLater(CollectorProcess.start("collector-b", jar, freePort(), env, runDir.resolve("collector-b.log")));
        first.awaitReady(http, Duration.ofSeconds(120));
        second.awaitReady(http, Duration.ofSeconds(120));
        report.put("both collectors ready after", Duration.between(starting, Instant.now()).toMillis() + " ms");

        Map<String, String> backends = new LinkedHashMap<>();
        backends.put(first.name(), Integer.toString(first.port()));
        backends.put(second.name(), Integer.toString(second.port()));
        proxy = closeLater(HaproxyProcess.start(haproxy, proxyPort, backends, runDir));
        proxy.awaitServing(http, Duration.ofSeconds(20));
        report.put("schema", schema);
        report.put("collectors", first.name() + " pid " + first.pid() + " port " + first.port() + ", " + second.name()
                + " pid " + second.pid() + " port " + second.port() + ", haproxy port " + proxyPort);
    }

    private void givenHubsAndOwnersProvisionedThroughTheProxy() {
        Instant provisioning = Instant.now();
        fleet.provision(http, proxy.baseUrl(), HUBS, COLLARS_PER_HUB, REPLY_EVERY);
        report.put("provisioned", HUBS + " hubs, " + fleet.collars().size() + " owners/collars in "
                + Duration.between(provisioning, Instant.now()).toMillis() + " ms");
        long seed = Long.getLong("cluster.seed", System.nanoTime());
        report.put("seed (-Dcluster.seed)", seed);
        hubs = closeLater(new HubTraffic(http, proxy.baseUrl(), seed, 6, RESEND_SHARE));
        hubs.plan(fleet.hubs(), HIGH_EVERY);
        owners = closeLater(new Owners(db, http, proxy.baseUrl().resolve("/api/v1/sms/inbound"), authToken,
                fleet.collars()));
    }

    // When.

    private void whenHubsUploadAndOwnersReplyWhileOneCollectorIsKilled() {
        Instant uploading = Instant.now();
        report.put("planned", hubs.plannedAlerts() + " alerts in " + hubs.plannedUploads() + " uploads over "
                + UPLOAD_SPREAD.toSeconds() + " s, " + owners.replyingCustomers().size() + " owners answer");
        owners.start();
        hubs.start(UPLOAD_SPREAD);

        int killAfter = (int) (hubs.plannedUploads() * KILL_AT);
        await("the first " + killAfter + " uploads answered").atMost(Duration.ofSeconds(60))
                .until(() -> hubs.uploadsDone() >= killAfter);
        assertEquals(2, hubs.servedBy().size(), "before the kill both collectors served uploads: " + hubs.servedBy());
        Map<String, Integer> servedBeforeKill = hubs.servedBy();
        // Killed right after it answers ACCEPTED: it has stored alerts it has most likely not decided yet.
        AtomicReference<RuntimeException> killFailed = new AtomicReference<>();
        hubs.onNextAcceptedBy(first.name(), () -> {
            try {
                first.kill();
                killedAt = Instant.now();
            } catch (RuntimeException e) {
                killFailed.set(e);
            }
        });
        await("a kill -9 of " + first.name() + " right after it accepted an upload").atMost(Duration.ofSeconds(30))
                .failFast("the kill failed", () -> {
                    if (killFailed.get() != null) {
                        throw killFailed.get();
                    }
                })
                .until(() -> killedAt != null);
        report.put("kill -9 of " + first.name(), "at +" + Duration.between(uploading, killedAt).toMillis()
                + " ms, right after it answered ACCEPTED, " + hubs.uploadsDone() + " uploads answered (served so far "
                + servedBeforeKill + ")");

        await("every upload answered ACCEPTED or DUPLICATE, retrying through the kill").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200)).until(hubs::allAnswered);
        uploadsAnsweredAt = Instant.now();
        assertTrue(second.alive(), "the surviving collector is still running; its log ends:\n" + second.tail(30));
    }

    // Then.

    private void thenEveryAlertIsDecidedOnceEveryTimerFiresOnceAndNothingIsLost() {
        await("every alert decided once, one text per case, every timer fired once, nothing lost")
                .atMost(DECIDED_WITHIN).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(this::guaranteesHold);
        Instant converged = Instant.now();
        report.put("all guarantees held", "at +" + Duration.between(killedAt, converged).toMillis()
                + " ms after the kill");
        // And they keep holding: no timer fires twice, no text is sent again, a few timer ticks later.
        await("the guarantees still hold a few timer ticks later").during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(this::guaranteesHold);
    }

    private void guaranteesHold() {
        List<String> broken = Guarantees.check(db.snapshot(), hubs, owners, fleet);
        if (!broken.isEmpty()) {
            throw new AssertionError(broken.size() + " guarantee(s) broken:\n  - " + String.join("\n  - ", broken));
        }
    }

    @AfterEach
    void stopEverythingAndReport() {
        try {
            describeTheRun();
        } catch (Throwable e) {
            report.put("report incomplete", e.toString());
        } finally {
            List<AutoCloseable> reversed = new ArrayList<>(started);
            Collections.reverse(reversed);
            for (AutoCloseable c : reversed) {
                try {
                    c.close();
                } catch (Throwable e) {
                    System.err.println("TwoCollectorsIT: stopping " + c + " failed: " + e);
                }
            }
            report.put("took", Duration.between(begin, Instant.now()).toMillis() + " ms");
            report.put("logs", runDir);
            StringBuilder text = new StringBuilder("TwoCollectorsIT run:\n");
            report.forEach((k, v) -> text.append("  ").append(k).append(": ").append(v).append('\n'));
            System.out.print(text);
            try {
                Files.createDirectories(runDir);
                Files.writeString(runDir.resolve("report.txt"), text);
            } catch (IOException e) {
                System.err.println("TwoCollectorsIT: cannot write the report: " + e);
            }
        }
    }

    private void describeTheRun() {
        if (hubs != null) {
            report.put("hub requests", hubs.requests() + " (" + hubs.retried() + " retried, " + hubs.resends()
                    + " uploads re-sent on purpose)");
            report.put("uploads answered by", hubs.servedBy());
            report.put("client-visible upload failures", hubs.failures());
            if (hubs.lastFailure() != null && killedAt != null) {
                report.put("last upload failure", "at +" + Duration.between(killedAt, hubs.lastFailure()).toMillis()
                        + " ms after the kill");
            }
            if (uploadsAnsweredAt != null) {
                report.put("all uploads answered", "at +" + Duration.between(killedAt, uploadsAnsweredAt).toMillis()
                        + " ms after the kill");
            }
        }
        if (owners != null) {
            report.put("owner webhook failures", owners.failures());
        }
        if (db != null && hubs != null && owners != null) {
            report.put("database", Guarantees.summary(db.snapshot(), owners));
        }
        report.put("texts the provider got more than once (not asserted: delivery to the provider is at least once)",
                providerRepeats());
    }

    /**
     * Case steps the recording SMS provider was handed more than once, read from its log lines in every collector's
     * log ("SMS recorded-N to ... for case C (..., template T)"): a collector killed after the provider took a text
     * but before marking it SENT leaves it to be sent again when its lease runs out.
     */
    private String providerRepeats() {
        Pattern sent = Pattern.compile("SMS recorded-\\S+ to \\S+ for case (\\d+) \\(.*template ([^)]+)\\)");
        Map<String, Integer> handed = new TreeMap<>();
        try (Stream<Path> logs = Files.list(runDir)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("collector-")).toList()) {
                for (String line : Files.readAllLines(log)) {
                    Matcher m = sent.matcher(line);
                    if (m.find()) {
                        handed.merge("case " + m.group(1) + " " + m.group(2), 1, Integer::sum);
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return "unknown (" + e + ")";
        }
        List<String> repeated = handed.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> e.getKey() + " x" + e.getValue()).toList();
        return repeated.size() + " of " + handed.size() + " case steps" + (repeated.isEmpty() ? ""
                : ", e.g. " + repeated.subList(0, Math.min(5, repeated.size())));
    }

    // Plumbing.

    private <T extends AutoCloseable> T closeLater(T resource) {
        started.add(resource);
        return resource;
    }

    /** The collector module: failsafe runs with it as the working directory and sets basedir. */
    private static Path moduleDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    /** The packaged collector; -Dpetwatch.collector.jar or PETWATCH_COLLECTOR_JAR points at another. */
    private static Path collectorJar() {
        String other = System.getProperty("petwatch.collector.jar", System.getenv("PETWATCH_COLLECTOR_JAR"));
        return other != null ? Path.of(other) : moduleDir().resolve("target/quarkus-app/quarkus-run.jar");
    }

    private void prepareRunDir() {
        try {
            Files.createDirectories(runDir);
            try (Stream<Path> old = Files.list(runDir)) {
                for (Path p : old.toList()) {
                    if (Files.isRegularFile(p)) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + runDir, e);
        }
    }

    private static Path copyResource(String resource, Path to) {
        try (InputStream in = TwoCollectorsIT.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " is missing");
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
            return to.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
