package io.petwatch.demo.chaos;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What both runs share: the packaged parts, the shipped hub config, the database, and the simulated fleet (the same
 * seed and start, so both runs publish the same data).
 *
 * @param jdbc          PostgreSQL (each run migrates a schema of its own and drops it)
 * @param poisonCollar  a collar the collector knows that the simulator does not publish for
 */
record ChaosSettings(Path hubDir, Path gatewayJar, Path simJar, Path collectorJar, Path work, String jdbc,
                     String dbUser, String dbPassword, int collars, int days, int rate, long seed, Instant start,
                     String poisonCollar) {
    /** The seed's hub, its token and the gateway's broker login. */
    static final String HUB_ID = "hub-demo";
    static final String HUB_TOKEN = "demo-hub-token";
    static final String GATEWAY_USER = "petwatch-gateway";
    static final String GATEWAY_PASSWORD = "chaos-gateway-password";
    /** Most collars the gateway tracks here: the fleet and the poison collar leave a few slots for junk. */
    static final int MAX_COLLARS = 40;

    String collarId(int n) {
        return String.format("collar-%03d", n);
    }

    /** Batches each collar publishes (one an hour). */
    int batchesPerCollar() {
        return days * 24;
    }
}
