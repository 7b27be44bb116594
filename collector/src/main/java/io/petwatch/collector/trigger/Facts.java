package io.petwatch.collector.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A signal event's normalised facts (issue 18's contract), read field by field. Intake omits what the source did not
 * say, and a rule must not trip on what it finds missing or malformed: each accessor answers empty for an absent, null
 * or wrongly typed value, never throws.
 */
public final class Facts {
    private final JsonNode node;

    private Facts(JsonNode node) {
        this.node = node;
    }

    public static Facts of(JsonNode node) {
        return new Facts(node != null && node.isObject() ? node : JsonNodeFactory.instance.objectNode());
    }

    public JsonNode json() {
        return node;
    }

    public Optional<String> text(String key) {
        JsonNode value = node.get(key);
        return value != null && value.isValueNode() && !value.isNull() && !value.asText().isBlank()
                ? Optional.of(value.asText()) : Optional.empty();
    }

    public Optional<Long> number(String key) {
        JsonNode value = node.get(key);
        if (value != null && value.isNumber()) {
            return Optional.of(value.asLong());
        }
        return text(key).flatMap(Facts::parseLong);
    }

    public Optional<Double> decimal(String key) {
        JsonNode value = node.get(key);
        return value != null && value.isNumber() ? Optional.of(value.asDouble()) : Optional.empty();
    }

    public Optional<Boolean> flag(String key) {
        JsonNode value = node.get(key);
        if (value != null && value.isBoolean()) {
            return Optional.of(value.asBoolean());
        }
        return text(key).filter(t -> t.equals("true") || t.equals("false")).map(Boolean::valueOf);
    }

    /** An ISO-8601 instant; a malformed one counts as absent. */
    public Optional<Instant> time(String key) {
        return text(key).flatMap(t -> {
            try {
                return Optional.of(Instant.parse(t));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    /** The objects of an array field (checkpoints); anything else in it is skipped. */
    public List<Facts> list(String key) {
        JsonNode value = node.get(key);
        List<Facts> items = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(item -> {
                if (item.isObject()) {
                    items.add(new Facts(item));
                }
            });
        }
        return items;
    }

    private static Optional<Long> parseLong(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return node.toString();
    }
}
