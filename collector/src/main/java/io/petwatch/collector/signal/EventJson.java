package io.petwatch.collector.signal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.petwatch.collector.api.BadInput;
import io.petwatch.collector.api.InputText;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A value in a source's JSON event, with its path from the root: a missing or mistyped field is a {@link BadInput}
 * naming that path ({@code data.object.customer: is required}). Every string kept is checked like any client string
 * (no NUL or control character, a maximum length), because it goes into signal_events.facts as JSONB.
 *
 * @param node the value (a missing node when absent)
 * @param path where it is, e.g. {@code result.tracking_details[2].datetime}
 */
public record EventJson(JsonNode node, String path) {
    /** Longer than any id, code, status or URL a source sends. */
    public static final int MAX_LINE = 1024;
    /** A survey's free text. */
    public static final int MAX_TEXT = 10_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The body as a JSON object (the root, path "body" for errors about the whole). */
    public static EventJson read(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadInput("body", "is not valid JSON" + Optional.ofNullable(e.getLocation())
                    .map(l -> " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")").orElse("") + ": "
                    + InputText.printable(e.getOriginalMessage().lines().findFirst().orElse(""), 160));
        } catch (IOException e) {
            throw new BadInput("body", "cannot be read: " + InputText.printable(String.valueOf(e.getMessage()), 160));
        }
        if (root == null || !root.isObject()) {
            throw new BadInput("body", "must be a JSON object");
        }
        return new EventJson(root, "");
    }

    /** A new, empty facts object. */
    public static ObjectNode facts() {
        return MAPPER.createObjectNode();
    }

    /** The field {@code name} of this object (missing when absent). */
    public EventJson get(String name) {
        return new EventJson(node.path(name), path.isEmpty() ? name : path + "." + name);
    }

    /** Absent, or JSON null. */
    public boolean absent() {
        return node.isMissingNode() || node.isNull();
    }

    /** This value as a required object. */
    public EventJson object() {
        if (absent()) {
            throw new BadInput(path, "is required");
        }
        if (!node.isObject()) {
            throw new BadInput(path, "must be a JSON object");
        }
        return this;
    }

    /** The items of an array; none when absent. */
    public List<EventJson> items() {
        if (absent()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new BadInput(path, "must be a JSON array");
        }
        List<EventJson> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(new EventJson(node.get(i), path + "[" + i + "]"));
        }
        return items;
    }

    /** A required, non-blank one-line string. */
    public String text() {
        return optionalText().orElseThrow(() -> new BadInput(path, "is required"));
    }

    /** A one-line string, absent when missing, null or blank. */
    public Optional<String> optionalText() {
        return string(MAX_LINE, InputText.Kind.LINE);
    }

    /** A multi-line string (free text), absent when missing, null or blank. */
    public Optional<String> optionalFreeText() {
        return string(MAX_TEXT, InputText.Kind.TEXT);
    }

    private Optional<String> string(int max, InputText.Kind kind) {
        if (absent()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new BadInput(path, "must be a string");
        }
        String text = InputText.require(path, node.textValue(), max, kind);
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    /** A whole number, absent when missing or null. */
    public Optional<Long> optionalLong() {
        if (absent()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new BadInput(path, "must be a whole number");
        }
        return Optional.of(node.longValue());
    }

    /** A required whole number. */
    public long wholeNumber() {
        return optionalLong().orElseThrow(() -> new BadInput(path, "is required"));
    }

    /** A number (whole or not), absent when missing or null. */
    public Optional<Double> optionalNumber() {
        if (absent()) {
            return Optional.empty();
        }
        if (!node.isNumber()) {
            throw new BadInput(path, "must be a number");
        }
        return Optional.of(node.doubleValue());
    }

    /** true or false, absent when missing or null. */
    public Optional<Boolean> optionalBoolean() {
        if (absent()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw new BadInput(path, "must be true or false");
        }
        return Optional.of(node.booleanValue());
    }

    /**
     * An ISO-8601 time (2026-12-05T10:00:00Z, 2026-12-05T05:00:00-05:00), absent when missing. One without an offset
     * is UTC, as carriers' times are when they know no place.
     */
    public Optional<Instant> optionalTime() {
        return optionalText().map(t -> {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException again) {
                    throw new BadInput(path, "must be an ISO-8601 time, like 2026-12-05T10:00:00Z, was '"
                            + InputText.printable(t, 40) + "'");
                }
            }
        });
    }

    /** A required ISO-8601 time. */
    public Instant time() {
        return optionalTime().orElseThrow(() -> new BadInput(path, "is required"));
    }

    /** Seconds since the epoch (Stripe's times), absent when missing or null. */
    public Optional<Instant> optionalEpochSeconds() {
        return optionalLong().map(s -> {
            try {
                return Instant.ofEpochSecond(s);
            } catch (DateTimeException e) {
                throw new BadInput(path, "is not a time in seconds since 1970: " + s);
            }
        });
    }

    /** A required time in seconds since the epoch. */
    public Instant epochSeconds() {
        return optionalEpochSeconds().orElseThrow(() -> new BadInput(path, "is required"));
    }
}
