package io.petwatch.collector.playbook;

import io.petwatch.collector.signal.TriggerKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which {{variables}} each script may use, checked when the playbook loads so that a script never meets a variable
 * without a value while a customer waits: a collar's scripts speak of the pet; a retail trigger's have the customer
 * and its detector_params (every kind of the rule must carry them: {@link TriggerKind}) but no pet; a make-good's
 * sentence has the credit. Scripts no rule names (confirmations, help, feeling-better) are a pet's.
 */
final class ScriptVariables {
    /** What every script may use: the customer and our help line. */
    static final Set<String> OWNER = Set.of("first_name", "help_phone");
    /** A rule with a make-good: its sentence, granted or waiting for a supervisor. */
    static final String MAKE_GOOD = "make_good";
    /** A make-good script's amount, as "10.00". */
    static final String CREDIT = "credit";
    static final String GUIDE_PREFIX = "agent-guide-";

    private ScriptVariables() {
    }

    /** Every variable any script may use: a name outside it is a typo, refused whatever the script. */
    static Set<String> all() {
        Set<String> all = new TreeSet<>(Playbook.VARIABLES);
        all.addAll(TriggerKind.allParams());
        all.add(MAKE_GOOD);
        all.add(CREDIT);
        return all;
    }

    /** What a rule's scripts (its message, its variants, its agent guide) may use. */
    static Set<String> forRule(Playbook.Rule rule) {
        Set<String> allowed;
        if (rule.signal() == Signal.COLLAR) {
            allowed = new HashSet<>(Playbook.VARIABLES);
        } else {
            allowed = new HashSet<>(OWNER);
            Set<String> params = null;
            for (String kind : rule.kinds()) {
                List<String> own = TriggerKind.find(kind).orElseThrow().params();
                params = params == null ? new HashSet<>(own) : intersect(params, own);
            }
            allowed.addAll(params == null ? Set.of() : params);
        }
        if (rule.makeGood().isPresent()) {
            allowed.add(MAKE_GOOD);
        }
        return allowed;
    }

    private static Set<String> intersect(Set<String> a, List<String> b) {
        a.retainAll(b);
        return a;
    }

    /** Fails with the script, the variables and what it may use instead, on the first script that oversteps. */
    static void check(String source, List<Playbook.Rule> rules, Map<String, ScriptTemplate> scripts,
                      Experiment experiment) {
        Map<String, Set<String>> allowed = new HashMap<>();
        Map<String, String> why = new HashMap<>();
        for (Playbook.Rule rule : rules) {
            Set<String> own = forRule(rule);
            List<String> named = new java.util.ArrayList<>(List.of(rule.script(), GUIDE_PREFIX + rule.script()));
            experiment.variants().forEach(v -> named.add(rule.script() + "@" + v.name()));
            for (String name : named) {
                allowed.merge(name, new HashSet<>(own), (a, b) -> {
                    a.retainAll(b);
                    return a;
                });
                why.putIfAbsent(name, "its rule's alerts (" + rule.kinds() + ")");
            }
            rule.makeGood().ifPresent(m -> List.of(m.script(true), m.script(false)).forEach(name -> {
                Set<String> sentence = new HashSet<>(OWNER);
                sentence.add(CREDIT);
                allowed.put(name, sentence);
                why.put(name, "a make-good's sentence");
            }));
        }
        for (Map.Entry<String, ScriptTemplate> script : scripts.entrySet()) {
            Set<String> may = allowed.getOrDefault(script.getKey(), Playbook.VARIABLES);
            Set<String> over = new LinkedHashSet<>(script.getValue().variables());
            over.removeAll(may);
            if (!over.isEmpty()) {
                throw new IllegalArgumentException("playbook " + source + ": script '" + script.getKey() + "' uses "
                        + over + ", not provided for " + why.getOrDefault(script.getKey(), "a script about a pet")
                        + "; it may use " + new TreeSet<>(may));
            }
        }
    }
}
