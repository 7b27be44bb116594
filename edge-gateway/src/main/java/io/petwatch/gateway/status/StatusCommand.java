package io.petwatch.gateway.status;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code petwatch-edge-gateway status}: asks the running gateway's local status endpoint and prints it for a person
 * at the hub's console. The exit code suits scripts and monitoring: 0 healthy, 1 running but degraded (batches lost or
 * dropped, alerts shed, detection lagging, broker not connected or not subscribed, uploads failing, the watchdog found
 * it stuck: {@link HubHealth}), 3 not running or not answering.
 */
public final class StatusCommand {
    public static final int HEALTHY = 0;
    public static final int DEGRADED = 1;
    public static final int NOT_RUNNING = 3;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Queries 127.0.0.1:{@code port} and prints to {@code out}; returns the exit code. */
    public int run(int port, PrintStream out) {
        URI uri = URI.create("http://127.0.0.1:" + port + "/status");
        String body;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                out.println("The gateway's status endpoint " + uri + " answered HTTP " + response.statusCode());
                return NOT_RUNNING;
            }
            body = response.body();
        } catch (ConnectException e) {
            out.println("No gateway is answering at " + uri + " (is the service running? is petwatch.status.port "
                    + port + "?)");
            return NOT_RUNNING;
        } catch (IOException e) {
            out.println("Cannot read the gateway's status from " + uri + ": " + e.getMessage());
            return NOT_RUNNING;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NOT_RUNNING;
        }
        try {
            print(body, out);
        } catch (IOException e) {
            out.println("The gateway answered with unreadable status: " + e.getMessage());
            return NOT_RUNNING;
        }
        // The gateway judges its own health (HubHealth): the command reports it, reasons and all, above.
        boolean degraded = !body.contains("\"state\":\"OK\"");
        out.println(degraded ? "DEGRADED" : "OK");
        return degraded ? DEGRADED : HEALTHY;
    }

    /** Prints the status JSON as indented "key: value" lines, in the order the gateway wrote them. */
    static void print(String json, PrintStream out) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            int depth = -1;
            String field = "";
            boolean inArray = false;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case FIELD_NAME -> field = parser.currentName();
                    case START_ARRAY -> {
                        inArray = true;
                        out.println("  ".repeat(Math.max(depth, 0)) + label(field) + ":");
                    }
                    case END_ARRAY -> inArray = false;
                    case START_OBJECT -> {
                        if (depth >= 0) {
                            out.println("  ".repeat(depth) + label(field) + ":");
                        }
                        depth++;
                    }
                    case END_OBJECT -> depth--;
                    default -> out.println("  ".repeat(Math.max(depth, 0)) + (inArray ? "  - " + parser.getText()
                            : label(field) + ": " + (parser.getText().isEmpty() ? "none" : parser.getText())));
                }
            }
        }
    }

    private static String label(String field) {
        return field.replace('_', ' ');
    }
}
