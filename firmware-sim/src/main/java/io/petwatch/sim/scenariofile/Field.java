package io.petwatch.sim.scenariofile;

import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A value in a scenario file with where it is, so that every message can name the file, the line and the field
 * path ({@code fleets[0].device.rest-floor}).
 */
record Field(String file, String path, Node node) {
    int line() {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }

    /** "demo.yaml line 14, fleets[0].device.rest-floor". */
    String where() {
        return file + " line " + line() + (path.isEmpty() ? "" : ", " + path);
    }

    Field child(String key, Node value) {
        return new Field(file, path.isEmpty() ? key : path + "." + key, value);
    }

    boolean isScalar() {
        return node instanceof ScalarNode;
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    boolean isList() {
        return node instanceof SequenceNode;
    }

    /** A scalar's text; the empty string for a list or mapping (callers check {@link #isScalar()} first). */
    String text() {
        return node instanceof ScalarNode s ? s.getValue().trim() : "";
    }

    /** The elements of a list, each at {@code path[i]}. */
    List<Field> elements() {
        List<Field> out = new ArrayList<>();
        if (node instanceof SequenceNode s) {
            for (int i = 0; i < s.getValue().size(); i++) {
                out.add(new Field(file, path + "[" + i + "]", s.getValue().get(i)));
            }
        }
        return out;
    }

    /** What the value is, for "was ..." in messages. */
    String shown() {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        String text = text();
        return text.isEmpty() ? "empty" : "'" + text + "'";
    }
}
