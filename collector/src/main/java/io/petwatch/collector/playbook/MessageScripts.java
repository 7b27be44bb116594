package io.petwatch.collector.playbook;

import io.petwatch.collector.config.PetwatchConfig;
import io.petwatch.collector.customer.AlertContext;
import io.petwatch.collector.customer.Pet;
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
import java.util.Optional;

/** The loaded playbook and the values its scripts' {{variables}} take for one owner and pet, or one trigger. */
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
        return render(script, context, request, caseId, Optional.empty());
    }

    /**
     * A rule's message for an alert: a collar's speaks of the pet and its evidence, a retail trigger's of its
     * detector_params ({@link TriggerValues}), with the make-good's sentence where the rule offers one.
     */
    public String render(String script, AlertContext context, TriageRequest request, long caseId,
                         Optional<String> makeGood) {
        Map<String, String> values = forOwner(context);
        if (request.trigger()) {
            values.putAll(TriggerValues.of(request.params(), request.subject(), context.owner().zone()));
        } else {
            values.put("hours", Long.toString(request.windowHours()));
            values.put("days", Long.toString(Math.max(1, Math.round(request.windowHours() / 24.0))));
            values.put("percent", Long.toString(Math.round(request.activityRatio() * 100)));
            values.put("booking_link", config.triage().bookingUrl() + "?pet="
                    + URLEncoder.encode(context.pet().map(Pet::petId).orElse(""), StandardCharsets.UTF_8) + "&case="
                    + caseId);
            values.put("device_issue", deviceIssue(request.kind(), values.get("pet_name")));
        }
        makeGood.ifPresent(m -> values.put(ScriptVariables.MAKE_GOOD, m));
        return playbook.script(script).render(values);
    }

    /** The sentence a message says of its make-good: granted, or waiting for a supervisor's approval. */
    public String makeGood(Playbook.MakeGood makeGood, boolean granted, AlertContext context) {
        Map<String, String> values = forOwner(context);
        values.put(ScriptVariables.CREDIT, String.format(Locale.ROOT, "%d.%02d", makeGood.amountCents() / 100,
                makeGood.amountCents() % 100));
        return playbook.script(makeGood.script(granted)).render(values);
    }

    /** Values that need no alert: for confirmations and help texts. A customer with no pet has "your pet". */
    public Map<String, String> forOwner(AlertContext context) {
        Map<String, String> values = new HashMap<>();
        values.put("first_name", context.owner().firstName());
        values.put("pet_name", context.pet().map(Pet::name).orElse("your pet"));
        values.put("possessive", context.pet().map(Pet::possessive).orElse("their"));
        values.put("subject", context.pet().map(Pet::subject).orElse("they"));
        values.put("help_phone", config.triage().helpPhone());
        values.put("species_tip", context.pet().filter(p -> "cat".equals(p.species()))
                .map(p -> "\n- Using the litter tray normally?").orElse(""));
        values.put("hours", "");
        values.put("days", "");
        values.put("percent", "");
        values.put("booking_link", config.triage().bookingUrl());
        values.put("device_issue", "");
        return values;
    }

    public String renderFor(String script, AlertContext context) {
        return playbook.script(script).render(forOwner(context));
    }

    /**
     * A script about a retail trigger outside its message (an agent's call guide): the customer and the trigger's
     * params; a make-good is named as the credit on the case.
     */
    public String renderForTrigger(String script, AlertContext context, Map<String, String> params,
                                   Optional<String> subject) {
        Map<String, String> values = forOwner(context);
        values.putAll(TriggerValues.of(params, subject, context.owner().zone()));
        values.put(ScriptVariables.MAKE_GOOD, "the make-good shown under Credits");
        return playbook.script(script).render(values);
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
