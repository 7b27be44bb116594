package io.petwatch.gateway.detect;

import java.util.regex.Pattern;

/**
 * What a collar may put in strings the hub passes on. Collar ids must be plain (they name topics, files and
 * database rows); free text such as the firmware version is cleaned at the edge, so one odd collar can never send
 * the collector a string it cannot store.
 */
public final class CollarText {
    /** A collar id: a letter or digit, then up to 63 letters, digits, dots, underscores, colons or dashes. */
    public static final Pattern COLLAR_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    /** The collector keeps at most this many characters of a firmware version. */
    public static final int MAX_FIRMWARE = 64;

    private CollarText() {
    }

    /** Whether {@code id} matches {@link #COLLAR_ID}; checked by hand, since it runs for every batch. */
    public static boolean validCollarId(String id) {
        if (id.isEmpty() || id.length() > 64 || !letterOrDigit(id.charAt(0))) {
            return false;
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!letterOrDigit(c) && c != '.' && c != '_' && c != ':' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean letterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /**
     * Drops control and format characters and unpaired surrogates, trims, and keeps at most {@code max} UTF-16
     * chars (the collector's measure), never half a character: {@code "fw-1.2\0evil"} becomes {@code "fw-1.2evil"}.
     */
    public static String clean(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE || cp == 0xFFFD) {
                continue;
            }
            if (out.length() + Character.charCount(cp) > max) {
                break;
            }
            out.appendCodePoint(cp);
        }
        return out.toString().strip();
    }
}
