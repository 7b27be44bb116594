package io.petwatch.bench.collector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bench's hubs and customers, set up over the collector's own HTTP API as operators and the CRM sync do it: each
 * hub registered ({@code POST /api/v1/hubs}, which answers its token once), then customers with one pet and one
 * collar each, paired round-robin to the hubs, through the CRM import ({@code POST /api/v1/customers/import}), with no
 * quiet hours. The collector takes alerts only for a hub's own collars, so every hub uploads for its own.
 *
 * <p>Two sets of customers: the ingest set, whose collars take the closed-loop load (many alerts each, grouped into
 * one open case per pet), and the notify set, each of whose collars gets exactly one alert in the fixed-rate phase,
 * so every one of those alerts opens a case and sends a text. The tokens are kept in a file, so later phases
 * (another collector process on the same schema) use the same hubs.
 */
record Fleet(List<Hub> hubs, int ingestCustomers, int notifyCustomers) {
    /** The staff user bench/run-collector.sh gives the collector, with the crm role. */
    static final String STAFF = "Basic " + Base64.getEncoder().encodeToString("bench:bench-password"
            .getBytes(StandardCharsets.UTF_8));
    private static final Pattern TOKEN_LINE = Pattern.compile("token (\\S+) (\\S+)");

    /** One hub: its credentials and its collars of either set. */
    record Hub(String id, String token, List<String> ingestCollars, List<String> notifyCollars) {
        String authorization() {
            return "Basic " + Base64.getEncoder().encodeToString((id + ":" + token).getBytes(StandardCharsets.UTF_8));
        }
    }

    static String hubId(int h) {
        return String.format("bench-hub-%03d", h);
    }

    static String ingestCollar(int i) {
        return String.format("bench-collar-%05d", i);
    }

    static String notifyCollar(int j) {
        return String.format("bench-notify-%05d", j);
    }

    /** Registers {@code hubCount} hubs and imports both sets of customers; writes the tokens to {@code file}. */
    static Fleet create(URI base, int hubCount, int ingestCustomers, int notifyCustomers, Path file) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, String> tokens = new LinkedHashMap<>();
        for (int h = 0; h < hubCount; h++) {
            String id = hubId(h);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/hubs"))
                    .header("Authorization", STAFF).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"hubId\":\"" + id + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
            if (r.statusCode() != 201 || !token.find()) {
                throw new IllegalStateException("registering hub " + id + " was refused: " + r.statusCode() + " "
                        + r.body());
            }
            tokens.put(id, token.group(1));
        }
        long began = System.nanoTime();
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < ingestCustomers; i++) {
            rows.add(String.format("bench-cus-%05d,Sam,Bench%d,+44770%07d,bench-pet-%05d,Rex,dog,%s,%s,", i, i, i, i,
                    ingestCollar(i), hubId(i % hubCount)));
        }
        for (int j = 0; j < notifyCustomers; j++) {
            rows.add(String.format("bench-ncus-%05d,Kim,Notify%d,+44771%07d,bench-npet-%05d,Tom,cat,%s,%s,", j, j, j, j,
                    notifyCollar(j), hubId(j % hubCount)));
        }
        for (int from = 0; from < rows.size(); from += 5000) {
            StringBuilder csv = new StringBuilder(
                    "customer_id,first_name,last_name,mobile,pet_id,pet_name,species,collar_id,hub_id,quiet_hours,sms_consent\n");
            // Consent is never assumed: a row without it is an owner who may not be texted.
            rows.subList(from, Math.min(rows.size(), from + 5000)).forEach(row -> csv.append(row).append(",yes\n"));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/customers/import"))
                    .header("Content-Type", "text/csv").header("Authorization", STAFF).timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("CRM import refused: " + r.statusCode() + " "
                        + r.body().substring(0, Math.min(2000, r.body().length())));
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("hubs ").append(hubCount).append('\n').append("ingest ").append(ingestCustomers).append('\n')
                .append("notify ").append(notifyCustomers).append('\n');
        tokens.forEach((id, token) -> out.append("token ").append(id).append(' ').append(token).append('\n'));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, out);
        System.out.printf("fleet: %d hubs registered, %d + %d customers (one pet and collar each, no quiet hours)"
                + " imported through the CRM API in %.1f s%n", hubCount, ingestCustomers, notifyCustomers,
                (System.nanoTime() - began) / 1e9);
        return load(file);
    }

    static Fleet load(Path file) throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = TOKEN_LINE.matcher(line);
            if (m.matches()) {
                tokens.put(m.group(1), m.group(2));
            } else if (!line.isBlank()) {
                String[] kv = line.split(" ");
                counts.put(kv[0], Integer.parseInt(kv[1]));
            }
        }
        int hubCount = counts.get("hubs");
        int ingest = counts.get("ingest");
        int notify = counts.get("notify");
        List<Hub> hubs = new ArrayList<>();
        for (int h = 0; h < hubCount; h++) {
            List<String> mine = new ArrayList<>();
            for (int i = h; i < ingest; i += hubCount) {
                mine.add(ingestCollar(i));
            }
            List<String> notifyMine = new ArrayList<>();
            for (int j = h; j < notify; j += hubCount) {
                notifyMine.add(notifyCollar(j));
            }
            hubs.add(new Hub(hubId(h), tokens.get(hubId(h)), List.copyOf(mine), List.copyOf(notifyMine)));
        }
        return new Fleet(List.copyOf(hubs), ingest, notify);
    }
}
