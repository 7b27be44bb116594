package io.petwatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** The gateway as a hub runs it (its own JVM, -Xmx64m): start-up time, then CPU and memory under a steady fleet. */
final class Footprint {
    static final int COLLARS = 50;
    static final int HISTORY_HOURS = 30 * 24;

    private Footprint() {
    }

    static void run(String broker, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("petwatch-footprint");
        int port = HubBench.freePort();
        Path jar = Path.of(System.getProperty("gateway.jar", "edge-gateway/target/petwatch-edge-gateway.jar"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("gateway.log").toFile());
        pb.environment().putAll(Map.of("PETWATCH_HUB_ID", "bench", "PETWATCH_HUB_TOKEN", "x",
                "PETWATCH_MQTT_URL", broker, "PETWATCH_MQTT_CLIENT_ID", "bench-fp-" + System.nanoTime(),
                "PETWATCH_MQTT_SESSION_EXPIRY_S", "0", "PETWATCH_COLLECTOR_URL", "http://127.0.0.1:9",
                "PETWATCH_OUTBOX_DIR", dir.resolve("outbox").toString(), "PETWATCH_SNAPSHOT_DIR",
                dir.resolve("snapshots").toString(), "PETWATCH_STATUS_PORT", Integer.toString(port),
                "PETWATCH_ZONE", "UTC"));
        long launched = System.nanoTime();
        Process gateway = pb.start();
        try {
            while (!connected(port)) {
                if (!gateway.isAlive()) {
                    throw new IllegalStateException("gateway exited; see " + dir.resolve("gateway.log"));
                }
                Thread.sleep(20);
            }
            double startup = (System.nanoTime() - launched) / 1e9;

            Fleet fleet = new Fleet(COLLARS);
            List<byte[]> history = new ArrayList<>();
            for (int hour = 0; hour < HISTORY_HOURS; hour++) {
                for (int c = 0; c < COLLARS; c++) {
                    history.add(fleet.batch(c, hour));
                }
            }
            HubBench.publish(broker, history, () -> batches(port));

            // Steady state: one batch per collar per minute, spread over the minute.
            MqttAsyncClient publisher = new MqttAsyncClient(broker, "bench-steady-" + System.nanoTime(),
                    new MemoryPersistence());
            publisher.connect(new MqttConnectionOptions()).waitForCompletion();
            long pid = gateway.pid();
            long cpuBefore = cpuTicks(pid);
            long began = System.nanoTime();
            long sent = 0;
            int hour = HISTORY_HOURS;
            while (System.nanoTime() - began < seconds * 1_000_000_000L) {
                for (int c = 0; c < COLLARS; c++) {
                    MqttMessage message = new MqttMessage(fleet.batch(c, hour));
                    message.setQos(1);
                    HubBench.publishWhenThereIsRoom(publisher, Fleet.topic(c), message);
                    sent++;
                    Thread.sleep(60_000L / COLLARS);
                }
                hour++;
            }
            double window = (System.nanoTime() - began) / 1e9;
            double cpuPercent = 100.0 * (cpuTicks(pid) - cpuBefore) / 100.0 / window; // CLK_TCK is 100 on Linux
            long rssKb = rssKb(pid);
            publisher.disconnect().waitForCompletion();
            publisher.close();
            // The report is this command's output.
            System.out.printf("start-up to subscribed: %.2f s (target < 3 s)%n", startup);
            System.out.printf("history loaded: %d collars x %d hourly batches%n", COLLARS, HISTORY_HOURS);
            System.out.printf("steady state: %d batches over %.0f s at one per collar per minute: CPU %.2f%% of one"
                    + " core (target < 5%%), RSS %d MiB with -Xmx64m, gateway alive: %s%n", sent, window, cpuPercent,
                    rssKb / 1024, gateway.isAlive());
        } finally {
            gateway.destroy();
            gateway.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static boolean connected(int port) {
        try {
            return HubBench.get(port, "/status").contains("\"mqtt_connected\":true");
        } catch (Exception notYet) {
            return false;
        }
    }

    private static long batches(int port) {
        try {
            String status = HubBench.get(port, "/status");
            int at = status.indexOf("\"batches\":") + "\"batches\":".length();
            return Long.parseLong(status.substring(at, status.indexOf(',', at)));
        } catch (Exception e) {
            return 0;
        }
    }

    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
    }

    private static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
