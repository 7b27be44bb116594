package io.petwatch.collector.api;

import java.util.Locale;
import java.util.Optional;

/**
 * What a string from a client may hold before it goes near the database or a log line. PostgreSQL refuses the NUL
 * byte outright, and other control characters forge log lines and confuse every screen that shows the value, so:
 * <ul>
 * <li>{@link Kind#LINE} values (ids, names, models, keys) hold no control character at all (C0, DEL, C1), nor a line
 * or paragraph separator;</li>
 * <li>{@link Kind#TEXT} values (notes, reasons, text messages) may also hold tab, line feed and carriage return.</li>
 * </ul>
 * Neither may hold an unpaired UTF-16 surrogate (not Unicode at all), and each field has a maximum length.
 */
public final class InputText {
    /** Which characters a field may hold besides printable ones. */
    public enum Kind { LINE, TEXT }

    private InputText() {
    }

    /** What is wrong with the value, or empty when it may be stored. */
    public static Optional<String> problem(String value, int maxLength, Kind kind) {
        if (value.length() > maxLength) {
            return Optional.of("must be at most " + maxLength + " characters, was " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("contains an unpaired surrogate (" + codePoint(c) + "), which is not Unicode text");
            } else if (!allowed(c, kind)) {
                return Optional.of("contains a control character (" + codePoint(c) + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * The value, checked.
     *
     * @throws BadInput naming the field when the value may not be stored
     */
    public static String require(String field, String value, int maxLength, Kind kind) {
        problem(value, maxLength, kind).ifPresent(p -> {
            throw new BadInput(field, p);
        });
        return value;
    }

    /** The value for an error message or a log line: control characters escaped, cut to {@code max} characters. */
    public static String printable(String value, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(allowed(c, Kind.LINE) && !Character.isSurrogate(c) ? String.valueOf(c) : "\\u" + hex(c));
        }
        return value.length() > max ? out + "..." : out.toString();
    }

    private static boolean allowed(char c, Kind kind) {
        int type = Character.getType(c);
        if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
            return kind == Kind.TEXT;
        }
        return type != Character.CONTROL || (kind == Kind.TEXT && (c == '\t' || c == '\n' || c == '\r'));
    }

    private static String codePoint(char c) {
        return "U+" + hex(c);
    }

    private static String hex(char c) {
        return String.format(Locale.ROOT, "%04X", (int) c);
    }
}
