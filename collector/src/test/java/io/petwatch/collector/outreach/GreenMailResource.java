package io.petwatch.collector.outreach;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/** A real SMTP server (GreenMail) on a free port for the collector under test, which sends email through it. */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {
    static GreenMail smtp;

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return Map.of("petwatch.email.provider", "smtp", "petwatch.email.smtp-host", "127.0.0.1",
                "petwatch.email.smtp-port", Integer.toString(port));
    }

    @Override
    public void stop() {
        smtp.stop();
    }
}
