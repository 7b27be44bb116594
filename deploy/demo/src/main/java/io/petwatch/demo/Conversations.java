package io.petwatch.demo;

import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertKind;
import io.petwatch.proto.v1.AlertState;
import io.petwatch.proto.v1.Detector;
import io.petwatch.proto.v1.Evidence;
import io.petwatch.proto.v1.Severity;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * After the pipeline, four owners answer a text as real people do, one of each kind of reply (reassured, worried,
 * HELP, STOP), through the collector's signed SMS webhook, and the demo shows where each case then stands. Their
 * alerts are scripted (one per household of a single pet, not from detection), so the detection verdict is unchanged.
 */
final class Conversations {
    /** Seed households with one pet each, so each conversation is its owner's only one. */
    private static final List<String> SINGLE_PET_COLLARS = List.of("collar-013", "collar-014", "collar-015",
            "collar-016", "collar-019", "collar-020", "collar-023", "collar-024", "collar-001", "collar-002");
    private static final List<String[]> REPLIES = List.of(
            new String[] {"reassured", "All good here, he's just sulking in the heat"},
            new String[] {"worried", "He's worse today and won't eat, what do I do?"},
            new String[] {"help", "HELP"},
            new String[] {"stop", "STOP"});

    private Conversations() {
    }

    /** Plays the four conversations; a line per reply: {@code reply KIND: case #ID STATUS, holder H, timer T}. */
    static List<String> play(CollectorApi api, String hubId, String hubToken, String smsAuthToken) {
        List<String> used = api.cases().stream().map(c -> (String) c.get("collarId")).toList();
        List<String> collars = SINGLE_PET_COLLARS.stream().filter(c -> !used.contains(c)).limit(REPLIES.size())
                .toList();
        if (collars.size() < REPLIES.size()) {
            throw new IllegalStateException("no four seed households without a case left for the conversations");
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < REPLIES.size(); i++) {
            String collar = collars.get(i);
            api.uploadAlerts(hubId, hubToken, AlertBatch.newBuilder().setHubId(hubId).addAlerts(scripted(hubId,
                    collar)).build().toByteArray());
            await("a text to the owner of " + collar, () -> texted(api, collar).isPresent());
            Map<String, Object> kase = caseOf(api, collar);
            long caseId = ((Number) kase.get("id")).longValue();
            String phone = texted(api, collar).orElseThrow();
            api.textBack(signedReply(phone, REPLIES.get(i)[1], smsAuthToken), sign(api.webhookUrl(),
                    signedReply(phone, REPLIES.get(i)[1], smsAuthToken), smsAuthToken));
            Map<String, Object> after = caseOf(api, collar);
            lines.add(String.format("reply %s: case #%d %s, holder %s, timer %s", REPLIES.get(i)[0], caseId,
                    after.get("status"), after.get("holder"), after.get("escalateAt") == null ? "stopped"
                            : after.get("escalateAt")));
        }
        return lines;
    }

    private static Alert scripted(String hubId, String collar) {
        Instant now = Instant.now();
        return Alert.newBuilder().setAlertId(UUID.randomUUID().toString()).setHubId(hubId).setCollarId(collar)
                .setKind(AlertKind.LOW_ACTIVITY).setState(AlertState.FIRING).setSeverity(Severity.MEDIUM)
                .setWindowStartMs(now.minus(Duration.ofHours(48)).toEpochMilli()).setWindowEndMs(now.toEpochMilli())
                .setDetectedAtMs(now.toEpochMilli())
                .setDetector(Detector.newBuilder().setName("demo-conversation").setVersion("1"))
                .setEvidence(Evidence.newBuilder().setActivityRatio(0.35f).setWornCoverage(1f))
                .setSummary("scripted for the demo's conversations: activity at 35% of usual for 48 h").build();
    }

    private static Map<String, Object> caseOf(CollectorApi api, String collar) {
        return api.cases().stream().filter(c -> collar.equals(c.get("collarId"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no case for " + collar));
    }

    /** The number the case's text went to, once it was handed to the provider. */
    private static java.util.Optional<String> texted(CollectorApi api, String collar) {
        return api.cases().stream().filter(c -> collar.equals(c.get("collarId"))).findFirst()
                .flatMap(c -> api.messages().stream().filter(m -> c.get("id").equals(m.get("caseId"))
                        && "SENT".equals(m.get("status"))).findFirst()).map(m -> (String) m.get("recipient"));
    }

    private static Map<String, String> signedReply(String phone, String body, String token) {
        Map<String, String> form = new TreeMap<>();
        form.put("MessageSid", "SMdemo" + UUID.nameUUIDFromBytes((phone + body).getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", ""));
        form.put("AccountSid", "ACdemo");
        form.put("From", phone.replace(" ", ""));
        form.put("To", "+447700900000");
        form.put("Body", body);
        return form;
    }

    /** Twilio's webhook signature: HMAC-SHA1 over the URL and every parameter, sorted by name, in Base64. */
    static String sign(String url, Map<String, String> form, String token) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot compute HMAC-SHA1, which every Java platform provides", e);
        }
    }

    private static void await(String what, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out after 30 s waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
