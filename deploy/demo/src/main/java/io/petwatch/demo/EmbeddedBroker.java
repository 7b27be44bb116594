package io.petwatch.demo;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tinylog.Logger;

/**
 * A HiveMQ Community Edition MQTT 5 broker in this process, on a free port, keeping nothing on disk. Its queue
 * per client is large so an accelerated simulation never loses batches to a busy gateway.
 */
final class EmbeddedBroker implements AutoCloseable {
    private static final String CONFIG = """
            <?xml version="1.0"?>
            <hivemq>
                <listeners>
                    <tcp-listener>
                        <port>%d</port>
                        <bind-address>127.0.0.1</bind-address>
                    </tcp-listener>
                </listeners>
                <mqtt>
                    <queued-messages>
                        <max-queue-size>100000</max-queue-size>
                    </queued-messages>
                </mqtt>
                <persistence>
                    <mode>in-memory</mode>
                </persistence>
                <anonymous-usage-statistics>
                    <enabled>false</enabled>
                </anonymous-usage-statistics>
            </hivemq>
            """;
    private static final String LOGBACK = """
            <configuration scan="false">
                <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender">
                    <target>System.err</target>
                    <encoder><pattern>%d{HH:mm:ss.SSS} %level hivemq: %msg%n</pattern></encoder>
                </appender>
                <root level="WARN"><appender-ref ref="ERR"/></root>
            </configuration>
            """;

    private final EmbeddedHiveMQ hivemq;
    private final int port;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port) {
        this.hivemq = hivemq;
        this.port = port;
    }

    static EmbeddedBroker start(Path workDir) {
        int port = FreePorts.take();
        try {
            Path conf = Files.createDirectories(workDir.resolve("hivemq/conf"));
            Files.writeString(conf.resolve("config.xml"), String.format(CONFIG, port));
            Files.writeString(conf.resolve("logback.xml"), LOGBACK);
            EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(Files.createDirectories(workDir.resolve("hivemq/data")))
                    .withExtensionsFolder(Files.createDirectories(workDir.resolve("hivemq/extensions")))
                    .build();
            hivemq.start().join();
            Logger.info("Embedded MQTT 5 broker (HiveMQ CE) listening on 127.0.0.1:{}", port);
            return new EmbeddedBroker(hivemq, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded broker in " + workDir, e);
        }
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            hivemq.stop().join();
            hivemq.close();
        } catch (Exception e) {
            Logger.warn("Embedded broker did not stop cleanly: {}", e.getMessage());
        }
    }
}
