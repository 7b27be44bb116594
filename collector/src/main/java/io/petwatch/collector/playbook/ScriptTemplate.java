package io.petwatch.collector.playbook;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message script with {@code {{variable}}} placeholders. Parsed once when the playbook loads, so a script that
 * names a variable the playbook does not provide is rejected then, never when an owner is waiting for a text.
 */
public final class ScriptTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");

    private final String name;
    private final List<String> literals = new ArrayList<>();
    private final List<String> variables = new ArrayList<>();

    private ScriptTemplate(String name) {
        this.name = name;
    }

    /** Parses {@code text}; every placeholder must be one of {@code known}. */
    public static ScriptTemplate parse(String name, String text, Set<String> known) {
        ScriptTemplate template = new ScriptTemplate(name);
        Matcher m = PLACEHOLDER.matcher(text);
        int at = 0;
        Set<String> unknown = new LinkedHashSet<>();
        while (m.find()) {
            template.literals.add(text.substring(at, m.start()));
            template.variables.add(m.group(1));
            if (!known.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
            at = m.end();
        }
        template.literals.add(text.substring(at));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("script '" + name + "' uses unknown variable(s) " + unknown
                    + "; known: " + known);
        }
        if (PLACEHOLDER.matcher(text).replaceAll("").contains("{{")) {
            throw new IllegalArgumentException("script '" + name + "' has a malformed placeholder: use {{name}}");
        }
        return template;
    }

    public String name() {
        return name;
    }

    public Set<String> variables() {
        return new LinkedHashSet<>(variables);
    }

    /** Fills every placeholder; a value missing at send time is a programming error, named here. */
    public String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder(literals.get(0));
        for (int i = 0; i < variables.size(); i++) {
            String value = values.get(variables.get(i));
            if (value == null) {
                throw new IllegalStateException("no value for {{" + variables.get(i) + "}} in script '" + name + "'");
            }
            out.append(value).append(literals.get(i + 1));
        }
        return out.toString().strip();
    }
}
