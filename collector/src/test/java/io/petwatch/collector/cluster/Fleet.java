package io.petwatch.collector.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hubs, owners and collars of the run, provisioned the way production does it, through the load balancer: a staff
 * user with the crm role (configured only as a password digest, like bench/run-collector.sh) registers each hub and
 * gets its token once, then imports the owners, pets and collars as one CRM export.
 */
final class Fleet {
    /** The staff user the collectors are started with; see {@link #staffEnvironment()}. */
    static final String STAFF_USER = "clusterit";
    private static final String REALM = "PetWatch staff";
    private static final String CRM_HEADER = "customer_id,first_name,last_name,mobile,email,time_zone,preferred_channel,"
            + "sms_consent,email_consent,quiet_hours,pet_id,pet_name,species,breed,birth_date,weight_kg,vet_clinic,"
            + "collar_id,hub_id\n";

    /** A hub and the token the collector gave it. */
    record Hub(String id, String token, List<Collar> collars) {
    }

    /** A collar on a pet of one owner, who alone owns it: a reply from that phone answers that pet's case. */
    record Collar(String id, String hubId, String customerId, String phone, boolean ownerReplies) {
    }

    private final String staffPassword;
    private final List<Hub> hubs = new ArrayList<>();

    Fleet(String staffPassword) {
        this.staffPassword = staffPassword;
    }

    /** The collector settings that create the staff user: only the digest HEX(SHA-512(user:realm:password)). */
    Map<String, String> staffEnvironment() {
        String digest;
        try {
            digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512")
                    .digest((STAFF_USER + ":" + REALM + ":" + staffPassword).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_SECURITY_USERS_EMBEDDED_USERS_" + STAFF_USER.toUpperCase(Locale.ROOT), digest);
        env.put("QUARKUS_SECURITY_USERS_EMBEDDED_ROLES_" + STAFF_USER.toUpperCase(Locale.ROOT), "crm");
        return env;
    }

    /**
     * Registers {@code hubCount} hubs and imports {@code collarsPerHub} owners per hub, each with one pet and collar.
     * Every {@code replyEvery}-th owner answers the text.
     */
    void provision(HttpClient http, URI proxy, int hubCount, int collarsPerHub, int replyEvery) {
        ObjectMapper json = new ObjectMapper();
        StringBuilder crm = new StringBuilder(CRM_HEADER);
        int n = 0;
        for (int h = 0; h < hubCount; h++) {
            String hubId = String.format(Locale.ROOT, "hub-cl-%03d", h);
            HttpResponse<String> registered = send(http, HttpRequest.newBuilder(proxy.resolve("/api/v1/hubs"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"hubId\":\"" + hubId + "\"}")));
            if (registered.statusCode() != 201) {
                throw new IllegalStateException("registering " + hubId + " answered " + registered.statusCode() + ": "
                        + registered.body());
            }
            String token;
            try {
                JsonNode body = json.readTree(registered.body());
                token = body.path("token").asText();
            } catch (IOException e) {
                throw new IllegalStateException("hub registration answered " + registered.body(), e);
            }
            List<Collar> collars = new ArrayList<>();
            for (int c = 0; c < collarsPerHub; c++, n++) {
                String customer = String.format(Locale.ROOT, "cus-cl-%04d", n);
                String phone = String.format(Locale.ROOT, "+4479%08d", n);
                String collar = String.format(Locale.ROOT, "collar-cl-%04d", n);
                collars.add(new Collar(collar, hubId, customer, phone, n % replyEvery == 0));
                crm.append(String.join(",", customer, "Owner" + n, "Cluster", phone, "", "UTC", "SMS", "yes", "no", "",
                        String.format(Locale.ROOT, "pet-cl-%04d", n), "Pet" + n, n % 2 == 0 ? "dog" : "cat", "", "", "",
                        "", collar, hubId)).append('\n');
            }
            hubs.add(new Hub(hubId, token, List.copyOf(collars)));
        }
        HttpResponse<String> imported = send(http, HttpRequest.newBuilder(proxy.resolve("/api/v1/customers/import"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(crm.toString())));
        if (imported.statusCode() != 200) {
            throw new IllegalStateException("the CRM import answered " + imported.statusCode() + ": " + imported.body());
        }
    }

    private HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
        String basic = Base64.getEncoder().encodeToString((STAFF_USER + ":" + staffPassword)
                .getBytes(StandardCharsets.UTF_8));
        try {
            return http.send(request.header("Authorization", "Basic " + basic).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("provisioning through the load balancer failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    List<Hub> hubs() {
        return hubs;
    }

    List<Collar> collars() {
        return hubs.stream().flatMap(h -> h.collars().stream()).toList();
    }
}
