package io.petwatch.collector.playbook;

import io.petwatch.collector.signal.TriggerKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The playbook: for each alert or trigger kind and severity, which script, whether it is vet triage (with an escalation
 * timer), a device nudge or a retail service message, whether it may break quiet hours, offers a make-good or calls
 * for an agent at once; plus the scripts for recovery, opt-out, opt-in and help. Loaded from a reviewable YAML file
 * (src/main/resources/playbook/playbook.yaml) and checked whole at load time, each script against the variables its
 * rules' alerts provide ({@link ScriptVariables}).
 */
public record Playbook(List<Rule> rules, Map<String, ScriptTemplate> scripts, Experiment experiment) {
    /** Variables every script about a pet (a collar's alert, a confirmation, help) may use. */
    public static final Set<String> VARIABLES = Set.of("first_name", "pet_name", "possessive", "subject", "hours",
            "percent", "booking_link", "help_phone", "species_tip", "device_issue", "days");
    /**
     * Collar alert kinds the collector knows ahead of the protocol version it was built with: ACTIVITY_DRIFT comes with
     * the hub's slow-decline detector (issue 18). Naming it here lets the playbook carry its rule either way round.
     */
    public static final Set<String> COLLAR_KINDS_AHEAD = Set.of("ACTIVITY_DRIFT");
    /** Alert kinds as the hubs send them (alert.proto), and the triggers detection raises from retail signals. */
    static final Set<String> KINDS = kinds();
    static final Set<String> SEVERITIES = names(io.petwatch.proto.v1.Severity.values());

    private static Set<String> kinds() {
        Set<String> kinds = names(io.petwatch.proto.v1.AlertKind.values());
        kinds.addAll(COLLAR_KINDS_AHEAD);
        kinds.addAll(TriggerKind.names());
        return Set.copyOf(kinds);
    }

    private static Set<String> names(Enum<?>[] values) {
        Set<String> out = new LinkedHashSet<>();
        for (Enum<?> v : values) {
            if (!v.name().endsWith("UNSPECIFIED") && !v.name().equals("UNRECOGNIZED")) {
                out.add(v.name());
            }
        }
        return out;
    }

    /** Scripts outside the rules that the collector always needs. */
    public static final List<String> REQUIRED_SCRIPTS = List.of("feeling-better", "stop-confirmation",
            "start-confirmation", "help");

    /** What a rule's messages are, each kind with its own daily cap ({@link OutreachCaps}). */
    public enum Outreach {
        /** Vet triage and wellness checks about a pet: an agent takes over if the owner does not answer. */
        HEALTH,
        /** A friendly note about the collar itself: no timer, no vet advice. */
        DEVICE,
        /** About the customer's payment, parcel or survey answer (a retail trigger). */
        SERVICE
    }

    /**
     * A make-good that comes with a rule's message: a credit through the credit policy, granted by the automation
     * within its caps and waiting for a supervisor above them. The message says which, from the playbook's scripts
     * {@code make-good-OFFER} and {@code make-good-OFFER-pending}.
     *
     * @param offer expedite, reship or coupon
     */
    public record MakeGood(String offer, int amountCents) {
        public static final Set<String> OFFERS = Set.of("expedite", "reship", "coupon");

        public String script(boolean granted) {
            return "make-good-" + offer + (granted ? "" : "-pending");
        }
    }

    /**
     * One rule: alerts of these kinds and severities get this script.
     *
     * @param escalateAfter how long the owner has to answer before an agent takes over; empty: never (a nudge)
     * @param overridesQuietHours urgent enough to text inside the owner's quiet hours
     * @param makeGood      the credit its message offers, if any
     * @param agentCall     an agent calls the customer at once: the case opens in the agents' queue with a task
     */
    public record Rule(Set<String> kinds, Set<String> severities, String script, Optional<Duration> escalateAfter,
                       boolean overridesQuietHours, Optional<MakeGood> makeGood, boolean agentCall) {
        public Rule(Set<String> kinds, Set<String> severities, String script, Optional<Duration> escalateAfter,
                    boolean overridesQuietHours) {
            this(kinds, severities, script, escalateAfter, overridesQuietHours, Optional.empty(), false);
        }

        /** Retail triggers' rules are service messages; collar rules with a timer are health, without a nudge. */
        public Outreach outreach() {
            if (kinds.stream().anyMatch(k -> TriggerKind.find(k).isPresent())) {
                return Outreach.SERVICE;
            }
            return escalateAfter.isPresent() ? Outreach.HEALTH : Outreach.DEVICE;
        }

        public boolean vetTriage() {
            return outreach() == Outreach.HEALTH;
        }

        /** What the rule's cases are about; one rule never mixes signals (checked at load). */
        public Signal signal() {
            return Signal.of(kinds.iterator().next());
        }

        boolean matches(String kind, String severity) {
            return kinds.contains(kind) && (severities.isEmpty() || severities.contains(severity));
        }
    }

    public Optional<Rule> ruleFor(String kind, String severity) {
        return rules.stream().filter(r -> r.matches(kind, severity)).findFirst();
    }

    public ScriptTemplate script(String name) {
        ScriptTemplate script = scripts.get(name);
        if (script == null) {
            throw new IllegalArgumentException("the playbook has no script named '" + name + "'");
        }
        return script;
    }

    public static Playbook load(InputStream yaml, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException("playbook " + source + " is not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("playbook " + source + " is empty or not a mapping");
        }
        Map<String, ScriptTemplate> scripts = new HashMap<>();
        root.path("scripts").fields().forEachRemaining(e -> scripts.put(e.getKey(),
                ScriptTemplate.parse(e.getKey(), e.getValue().asText(), ScriptVariables.all())));
        List<Rule> rules = new ArrayList<>();
        int n = 0;
        for (JsonNode r : root.path("rules")) {
            n++;
            String where = "playbook " + source + ", rule " + n;
            Rule rule = new Rule(strings(r.path("kinds")), strings(r.path("severities")), text(r, "script", where),
                    duration(r.path("escalate_after"), where), r.path("overrides_quiet_hours").asBoolean(false),
                    makeGood(r.path("make_good"), where), r.path("agent_call").asBoolean(false));
            if (rule.kinds().isEmpty()) {
                throw new IllegalArgumentException(where + ": kinds must list at least one alert kind");
            }
            for (String kind : rule.kinds()) {
                if (!KINDS.contains(kind)) {
                    throw new IllegalArgumentException(where + ": '" + kind + "' is not an alert kind; kinds: " + KINDS);
                }
            }
            for (String severity : rule.severities()) {
                if (!SEVERITIES.contains(severity)) {
                    throw new IllegalArgumentException(where + ": '" + severity + "' is not a severity; severities: "
                            + SEVERITIES);
                }
            }
            if (rule.kinds().stream().map(Signal::of).distinct().count() > 1) {
                throw new IllegalArgumentException(where + ": kinds " + rule.kinds() + " mix signals; one rule is about"
                        + " one signal (a collar, a payment, a parcel or a survey)");
            }
            if (!scripts.containsKey(rule.script())) {
                throw new IllegalArgumentException(where + ": script '" + rule.script() + "' is not defined");
            }
            for (String needed : rule.makeGood().map(m -> List.of(m.script(true), m.script(false))).orElse(List.of())) {
                if (!scripts.containsKey(needed)) {
                    throw new IllegalArgumentException(where + ": its make-good needs the script '" + needed + "'");
                }
            }
            rules.add(rule);
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("playbook " + source + " has no rules");
        }
        for (String required : REQUIRED_SCRIPTS) {
            if (!scripts.containsKey(required)) {
                throw new IllegalArgumentException("playbook " + source + " lacks the required script '" + required + "'");
            }
        }
        Experiment experiment = experiment(root.path("experiment"), source);
        for (String script : scripts.keySet()) {
            int at = script.indexOf('@');
            if (at > 0 && (!scripts.containsKey(script.substring(0, at)) || experiment.variants().stream()
                    .noneMatch(v -> v.name().equals(script.substring(at + 1))))) {
                throw new IllegalArgumentException("playbook " + source + ": script '" + script
                        + "' is a variant of a script or an experiment variant that does not exist");
            }
        }
        ScriptVariables.check(source, rules, scripts, experiment);
        return new Playbook(List.copyOf(rules), Map.copyOf(scripts), experiment);
    }

    private static Optional<MakeGood> makeGood(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        String offer = node.path("offer").asText("");
        int cents = node.path("amount_cents").asInt(0);
        if (!MakeGood.OFFERS.contains(offer) || cents <= 0) {
            throw new IllegalArgumentException(where + ": make_good needs an offer (one of " + MakeGood.OFFERS
                    + ") and a positive amount_cents; was offer '" + offer + "', amount_cents " + cents);
        }
        return Optional.of(new MakeGood(offer, cents));
    }

    /** The script for a customer in {@code variant}: the variant's own where it has one. */
    public String scriptFor(String base, String variant) {
        return Experiment.scriptFor(base, variant, scripts.keySet());
    }

    private static Experiment experiment(JsonNode node, String source) {
        if (node.isMissingNode() || node.isNull()) {
            return Experiment.none();
        }
        List<Experiment.Variant> variants = new ArrayList<>();
        node.path("variants").forEach(v -> variants.add(new Experiment.Variant(v.path("name").asText(),
                v.path("weight").asInt(0))));
        try {
            return new Experiment(node.path("name").asText(""), node.path("holdout_percent").asInt(0), variants);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("playbook " + source + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> strings(JsonNode list) {
        Set<String> out = new LinkedHashSet<>();
        list.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static String text(JsonNode node, String field, String where) {
        if (!node.hasNonNull(field)) {
            throw new IllegalArgumentException(where + ": '" + field + "' is required");
        }
        return node.get(field).asText();
    }

    private static Optional<Duration> duration(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull() || node.asText().equals("never")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.parse(node.asText()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": escalate_after must be an ISO duration such as PT4H or"
                    + " 'never', was '" + node.asText() + "'", e);
        }
    }
}
