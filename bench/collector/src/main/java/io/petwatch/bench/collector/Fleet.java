package io.petwatch.bench.collector;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The bench's customers, each with one pet and collar paired to hub-demo, loaded through the collector's own CRM
 * import API. The fixed-rate phase uses collars no earlier phase touched, so their first alerts each open a case and
 * send a text (later alerts for an open case are grouped into it and send nothing).
 */
record Fleet(List<String> firstHalf, List<String> secondHalf) {
    static Fleet imported(URI base, int customers) throws Exception {
        StringBuilder csv = new StringBuilder("customer_id,first_name,last_name,mobile,pet_id,pet_name,species,"
                + "collar_id,hub_id\n");
        for (int i = 0; i < customers; i++) {
            csv.append(String.format("bench-cus-%05d,Sam,Bench%d,+4477009%05d,bench-pet-%05d,Rex,dog,"
                    + "bench-collar-%05d,hub-demo%n", i, i, i, i, i));
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                base.resolve("/api/v1/customers/import")).header("Content-Type", "text/csv")
                // The staff user bench/run-collector.sh gives the collector, with the crm role.
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "bench:bench-password".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("CRM import refused: " + response.body());
        }
        return new Fleet(CollectorBench.ids(0, customers / 2), CollectorBench.ids(customers / 2, customers));
    }
}
