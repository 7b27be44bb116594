package io.petwatch.collector.outreach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sends through Twilio's Messages API: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} with the form
 * fields To, From and Body, authenticated with the account SID and auth token. A 201 answer carries the message SID.
 * 429 and 5xx are transient (the relay retries); any other 4xx is Twilio refusing the message for good.
 */
public final class TwilioSmsSender implements SmsSender {
    private final HttpClient http;
    private final URI endpoint;
    private final String authorization;
    private final String from;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    public TwilioSmsSender(URI baseUrl, String accountSid, String authToken, String from, Duration timeout) {
        if (accountSid.isBlank() || from.isBlank()) {
            throw new IllegalArgumentException("petwatch.sms.twilio.account-sid and petwatch.sms.twilio.from must be"
                    + " set when petwatch.sms.provider is twilio");
        }
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.endpoint = baseUrl.resolve("/2010-04-01/Accounts/" + accountSid + "/Messages.json");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        this.from = from;
        this.timeout = timeout;
    }

    @Override
    public String send(OutboundMessage message) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", message.to().replaceAll("[^0-9+]", ""));
        form.put("From", from);
        form.put("Body", message.body());
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Twilio unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to Twilio", e);
        }
        int status = response.statusCode();
        if (status == 200 || status == 201) {
            String sid = field(response.body(), "sid");
            if (sid.isEmpty()) {
                throw new IllegalStateException("Twilio answered " + status + " without a message sid");
            }
            return sid;
        }
        String reason = "Twilio answered HTTP " + status + " (code " + field(response.body(), "code") + ": "
                + field(response.body(), "message") + ")";
        if (status == 429 || status >= 500) {
            throw new IllegalStateException(reason);
        }
        if (status == 401 || status == 403) {
            throw new CredentialsRejectedException(reason + ": check petwatch.sms.twilio.account-sid and"
                    + " petwatch.sms.auth-token");
        }
        throw new RefusedException(reason);
    }

    private String field(String body, String name) {
        try {
            JsonNode node = json.readTree(body).path(name);
            return node.isMissingNode() || node.isNull() ? "" : node.asText();
        } catch (IOException e) {
            return "";
        }
    }
}
