package io.petwatch.collector.outreach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Twilio adapter against a local HTTP server that plays Twilio's Messages API, errors and slowness included. */
class TwilioSmsSenderTest {
    private static final OutboundMessage MESSAGE = new OutboundMessage(1, Optional.of(7L), "cus-1", "+44 7700 900101",
            "vet-triage-lethargy", "Hi Amelia, Biscuit has been much less active than usual & quiet.");

    private HttpServer twilio;
    private final AtomicReference<Map<String, String>> received = new AtomicReference<>();
    private final AtomicReference<String> auth = new AtomicReference<>();

    @AfterEach
    void stop() {
        if (twilio != null) {
            twilio.stop(0);
        }
    }

    private TwilioSmsSender playing(int status, String body, Duration delay) throws IOException {
        twilio = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        twilio.createContext("/2010-04-01/Accounts/ACtest/Messages.json", exchange -> answer(exchange, status, body,
                delay));
        twilio.start();
        return new TwilioSmsSender(URI.create("http://127.0.0.1:" + twilio.getAddress().getPort()), "ACtest",
                "secret-token", "+447700900000", Duration.ofMillis(500));
    }

    private void answer(HttpExchange exchange, int status, String body, Duration delay) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        received.set(form);
        auth.set(exchange.getRequestHeaders().getFirst("Authorization"));
        try {
            Thread.sleep(delay.toMillis()); // plays a slow provider
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException clientGone) {
            // the sender timed out and hung up
        }
    }

    @Test
    void postsTheMessageAsTwilioExpectsAndReturnsItsSid() throws IOException {
        TwilioSmsSender sender = playing(201, "{\"sid\":\"SM0123456789abcdef\",\"status\":\"queued\"}", Duration.ZERO);

        assertEquals("SM0123456789abcdef", sender.send(MESSAGE));
        assertEquals(Map.of("To", "+447700900101", "From", "+447700900000", "Body", MESSAGE.body()), received.get());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("ACtest:secret-token".getBytes(StandardCharsets.UTF_8)),
                auth.get());
    }

    @Test
    void anInvalidNumberIsRefusedForGoodWithTwiliosReason() throws IOException {
        TwilioSmsSender sender = playing(400, "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone"
                + " number.\",\"status\":400}", Duration.ZERO);

        RefusedException e = assertThrows(RefusedException.class, () -> sender.send(MESSAGE));
        assertTrue(e.getMessage().contains("code 21211"), e.getMessage());
    }

    @Test
    void rateLimitsAndServerErrorsAreTransient() throws IOException {
        TwilioSmsSender sender = playing(503, "{\"code\":20503,\"message\":\"Service unavailable\"}", Duration.ZERO);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sender.send(MESSAGE));
        assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
    }

    @Test
    void aProviderSlowerThanTheTimeoutIsATransientFailure() throws IOException {
        TwilioSmsSender sender = playing(201, "{\"sid\":\"SMlate\"}", Duration.ofSeconds(2));

        assertThrows(UncheckedIOException.class, () -> sender.send(MESSAGE));
    }

    @Test
    void missingAccountSettingsAreAConfigurationErrorNamingTheKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TwilioSmsSender(
                URI.create("http://127.0.0.1:1"), "", "t", "", Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("petwatch.sms.twilio.account-sid"), e.getMessage());
    }
}
