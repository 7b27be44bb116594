package io.petwatch.gateway;

import io.petwatch.gateway.config.ConfigSource;
import io.petwatch.gateway.config.GatewayConfig;
import io.petwatch.gateway.outbox.FileOutbox;
import io.petwatch.gateway.status.StatusCommand;
import io.petwatch.gateway.uplink.HttpCollectorClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.tinylog.Logger;

/**
 * {@code java -jar petwatch-edge-gateway.jar [--config gateway.properties]} runs the gateway;
 * {@code java -jar petwatch-edge-gateway.jar replay FILE.csv [--config gateway.properties]} replays recorded data;
 * {@code java -jar petwatch-edge-gateway.jar status [--config gateway.properties]} shows a running gateway's state.
 */
public final class GatewayMain {
    /** Exit code when the watchdog finds the gateway stuck (EX_SOFTWARE): the service manager restarts it. */
    static final int EXIT_STUCK = 70;
    /** A clean stop that takes longer than this is cut short; everything acknowledged is on disk anyway. */
    private static final long HALT_AFTER_MS = 20_000;

    private GatewayMain() {
    }

    /** Exits non-zero on a thread of its own (the caller may be a thread the shutdown waits for). */
    private static void exitStuck(String reason) {
        Thread exit = new Thread(() -> {
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(HALT_AFTER_MS);
                } catch (InterruptedException e) {
                    return;
                }
                Runtime.getRuntime().halt(EXIT_STUCK);
            }, "gateway-halt");
            halt.setDaemon(true);
            halt.start();
            System.exit(EXIT_STUCK);
        }, "gateway-exit");
        exit.start();
    }

    /** {@code status [--config FILE] [--port N]}: the running gateway's state, read from its local endpoint. */
    private static int status(String[] args) {
        Optional<Path> file = Optional.empty();
        Optional<Integer> port = Optional.empty();
        try {
            for (int i = 1; i < args.length; i += 2) {
                if (i + 1 >= args.length || !(args[i].equals("--config") || args[i].equals("--port"))) {
                    throw new IllegalArgumentException("usage: petwatch-edge-gateway status [--config FILE] [--port N]");
                }
                if (args[i].equals("--config")) {
                    file = Optional.of(Path.of(args[i + 1]));
                } else {
                    port = Optional.of(Integer.parseInt(args[i + 1]));
                }
            }
            int statusPort = port.isPresent() ? port.get()
                    : ConfigSource.of(System.getenv(), System.getProperties(), file)
                            .getInt("petwatch.status.port", GatewayConfig.DEFAULT_STATUS_PORT);
            return new StatusCommand().run(statusPort, System.out);
        } catch (IllegalArgumentException e) {
            Logger.error("{}", e.getMessage());
            return 2;
        }
    }

    /** What {@code --help} prints, on standard output. */
    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: petwatch-edge-gateway [--config FILE]",
            "         runs the gateway: collars in over MQTT 5, detection, alerts to the collector",
            "       petwatch-edge-gateway replay FILE.csv|- [--config FILE]",
            "         detection over recorded minutes (collar_id,minute_start,activity[,steps,wear]); alerts as JSON",
            "         lines on standard output, bad rows listed on standard error",
            "       petwatch-edge-gateway status [--config FILE] [--port N]",
            "         the running gateway's state, from its local status endpoint",
            "       petwatch-edge-gateway --help",
            "",
            "Settings: a properties file (--config), PETWATCH_* environment variables or -Dpetwatch.* properties;",
            "every key is in the README's Configuration section. An unknown key in the file or -D is an error.",
            "",
            "Exit codes:",
            "  0  done (replay: every row used; status: OK)",
            "  1  status: the gateway is DEGRADED (the reasons are printed); replay: the input could not be read",
            "  2  the command line or the configuration is invalid",
            "  3  status: no gateway answering",
            "  4  replay: some rows were bad (listed on standard error); the good rows' alerts are on standard output",
            " 70  the watchdog found the gateway stuck (its service manager restarts it)");

    private static boolean wantsHelp(String[] args) {
        return java.util.Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"));
    }

    public static void main(String[] args) throws InterruptedException {
        if (wantsHelp(args)) {
            System.out.println(USAGE);
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("replay")) {
            System.exit(ReplayMain.run(args));
        }
        if (args.length > 0 && args[0].equals("status")) {
            System.exit(status(args));
        }
        Optional<Path> file = args.length == 2 && args[0].equals("--config") ? Optional.of(Path.of(args[1]))
                : Optional.empty();
        if (args.length != 0 && file.isEmpty()) {
            Logger.error("Usage: petwatch-edge-gateway [--config FILE]  (--help for every command)");
            System.exit(2);
        }
        GatewayConfig config;
        try {
            config = GatewayConfig.from(ConfigSource.of(System.getenv(), System.getProperties(), file));
        } catch (IllegalArgumentException e) {
            Logger.error("Invalid gateway configuration: {}", e.getMessage());
            System.exit(2);
            return;
        }
        HttpCollectorClient collector = Gateway.collectorClient(config); // alerts and the hourly census
        Gateway gateway = new Gateway(config, Clock.systemUTC(),
                new FileOutbox(config.outboxDir(), config.outboxMaxAlerts()), collector, collector,
                GatewayMain::exitStuck);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "gateway-shutdown"));
        // A hub may boot before its broker: keep trying the first connection (Paho reconnects after that).
        for (int attempt = 1; stopped.getCount() > 0; attempt++) {
            try {
                gateway.start();
                break;
            } catch (MqttException e) {
                if (attempt == 1 || attempt % 12 == 0) {
                    Logger.warn("Cannot reach the broker at {} yet ({}); retrying every 5 s", config.mqttUrl(),
                            e.getMessage());
                }
                if (stopped.await(5, TimeUnit.SECONDS)) {
                    return;
                }
            }
        }
        stopped.await();
    }
}
