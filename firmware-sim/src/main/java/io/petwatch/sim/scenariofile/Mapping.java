package io.petwatch.sim.scenariofile;

import io.petwatch.sim.input.Closest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * A mapping of known fields: an unknown field is a problem naming the closest known one, a field given twice is a
 * problem, and so is a missing required one.
 */
final class Mapping {
    private final Field at;
    private final Problems problems;
    private final Map<String, Field> fields = new LinkedHashMap<>();

    Mapping(Field at, Problems problems, List<String> known, String what) {
        this.at = at;
        this.problems = problems;
        if (!(at.node() instanceof MappingNode mapping)) {
            problems.add(at, "must be " + what + " (fields " + String.join(", ", known) + "), was " + at.shown());
            return;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            Field key = new Field(at.file(), at.path(), tuple.getKeyNode());
            String name = key.text();
            Field named = at.child(name, tuple.getKeyNode());
            Field value = at.child(name, tuple.getValueNode());
            if (!key.isScalar() || name.isEmpty()) {
                problems.add(key, "a field name must be plain text, was " + key.shown());
            } else if (!known.contains(name)) {
                problems.add(named, "unknown field '" + name + "'" + Closest.suggestion(name, known));
            } else if (fields.containsKey(name)) {
                problems.add(named, "'" + name + "' is given twice (first on line " + fields.get(name).line() + ")");
            } else {
                fields.put(name, value);
            }
        }
    }

    Field at() {
        return at;
    }

    Optional<Field> get(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    boolean has(String name) {
        return fields.containsKey(name);
    }

    /** The field, or a problem saying it is missing. */
    Optional<Field> required(String name) {
        Optional<Field> field = get(name);
        if (field.isEmpty() && at.isMapping()) {
            problems.add(at, "missing required field '" + name + "'");
        }
        return field;
    }
}
