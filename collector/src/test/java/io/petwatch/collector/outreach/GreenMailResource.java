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
    private static ServerSetup setup;

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        smtp = new GreenMail(setup);
        smtp.start();
        return Map.of("petwatch.email.provider", "smtp", "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(port));
    }

    /** The mail server goes away: connections to its port are refused. */
    static void outage() {
        smtp.stop();
    }

    /** A fresh mail server on the same port, with an empty mailbox. */
    static void recover() {
        smtp = new GreenMail(setup);
        smtp.start();
    }

    @Override
    public void stop() {
        smtp.stop();
    }
}
