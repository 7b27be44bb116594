package io.petwatch.collector.playbook;

import io.petwatch.collector.config.PetwatchConfig;
import io.petwatch.collector.customer.AlertContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The loaded playbook and the values its scripts' {{variables}} take for one owner and pet. */
@ApplicationScoped
public class MessageScripts {
    private final Playbook playbook;
    private final PetwatchConfig config;

    public MessageScripts(PetwatchConfig config) {
        this.config = config;
        this.playbook = load(config.playbook().location());
    }

    /** Loads from {@code classpath:...} or a file; a bad playbook stops the collector at start, with the reason. */
    static Playbook load(String location) {
        try (InputStream in = location.startsWith("classpath:")
                ? MessageScripts.class.getClassLoader().getResourceAsStream(location.substring("classpath:".length()))
                : Files.newInputStream(Path.of(location))) {
            if (in == null) {
                throw new IllegalArgumentException("petwatch.playbook.location: no playbook at " + location);
            }
            return Playbook.load(in, location);
        } catch (IOException e) {
            throw new UncheckedIOException("petwatch.playbook.location: cannot read " + location, e);
        }
    }

    public Playbook playbook() {
        return playbook;
    }

    public String render(String script, AlertContext context, TriageRequest request, long caseId) {
        Map<String, String> values = forOwner(context);
        values.put("hours", Long.toString(request.windowHours()));
        values.put("percent", Long.toString(Math.round(request.activityRatio() * 100)));
        values.put("booking_link", config.triage().bookingUrl() + "?pet="
                + URLEncoder.encode(context.pet().petId(), StandardCharsets.UTF_8) + "&case=" + caseId);
        values.put("device_issue", deviceIssue(request.kind(), context.pet().name()));
        return playbook.script(script).render(values);
    }

    /** Values that need no alert: for confirmations and help texts. */
    public Map<String, String> forOwner(AlertContext context) {
        Map<String, String> values = new HashMap<>();
        values.put("first_name", context.owner().firstName());
        values.put("pet_name", context.pet().name());
        values.put("possessive", context.pet().possessive());
        values.put("subject", context.pet().subject());
        values.put("help_phone", config.triage().helpPhone());
        values.put("species_tip", "cat".equals(context.pet().species())
                ? "\n- Using the litter tray normally?" : "");
        values.put("hours", "");
        values.put("percent", "");
        values.put("booking_link", config.triage().bookingUrl());
        values.put("device_issue", "");
        return values;
    }

    public String renderFor(String script, AlertContext context) {
        return playbook.script(script).render(forOwner(context));
    }

    private static String deviceIssue(String kind, String pet) {
        return switch (kind) {
            case "COLLAR_OFF" -> pet + "'s collar seems to have been off for a while";
            case "BATTERY_LOW" -> pet + "'s collar battery is running low; a charge tonight keeps it going";
            case "COLLAR_SILENT" -> "we haven't heard from " + pet + "'s collar for a while (out of range or flat?)";
            case "SENSOR_STUCK" -> pet + "'s collar is sending odd readings; a restart usually fixes it";
            default -> pet + "'s collar needs a look (" + kind.toLowerCase(Locale.ROOT) + ")";
        };
    }
}
