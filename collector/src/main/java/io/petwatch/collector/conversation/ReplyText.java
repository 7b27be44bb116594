package io.petwatch.collector.conversation;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An SMS as the classifier's tokens: lower case, accents dropped ("está" is "esta", so texts typed without them
 * match), curly apostrophes straightened, each emoji a token of its own (skin tones and variation selectors dropped,
 * so every thumbs-up is one), sentence punctuation kept as "." or "?" tokens because they end a negation, double quotes kept as a
 * token (scare quotes), and French and Italian elisions split ("m'appeler" is "m" "appeler").
 */
final class ReplyText {
    private static final Set<String> ELISIONS = Set.of("m", "l", "d", "j", "n", "c", "qu", "s", "t", "un", "dell",
            "all", "nell", "sull");
    private ReplyText() {
    }

    static List<String> tokens(String text) {
        String plain = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKD)
                .replace('\u2019', '\'').replace('\u2018', '\'').replace('`', '\'').toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        plain.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || isModifier(cp)) {
                return; // an accent, a skin tone, a variation selector, a zero-width joiner
            }
            if (Character.isLetterOrDigit(cp) || (cp == '\'' && word.length() > 0)) {
                word.appendCodePoint(cp);
                return;
            }
            flush(word, tokens);
            if (type == Character.OTHER_SYMBOL || type == Character.SURROGATE || cp == 0x2764) {
                tokens.add(new String(Character.toChars(cp)));
            } else if (cp == '"' || cp == '\u201c' || cp == '\u201d') {
                tokens.add("\""); // scare quotes around a word turn it around
            } else if (cp == '?' || cp == '\u00bf') {
                tokens.add("?");
            } else if (cp == '.' || cp == ',' || cp == ';' || cp == '!' || cp == ':' || cp == '\u00a1') {
                tokens.add(".");
            }
        });
        flush(word, tokens);
        return tokens;
    }

    private static boolean isModifier(int cp) {
        return (cp >= 0x1F3FB && cp <= 0x1F3FF) || cp == 0xFE0F || cp == 0xFE0E || cp == 0x200D;
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (word.length() > 0) {
            String w = word.toString();
            // "dog's" and "dogs'" alike; a leading or trailing quote is not part of the word.
            while (w.endsWith("'")) {
                w = w.substring(0, w.length() - 1);
            }
            int apostrophe = w.indexOf('\'');
            if (apostrophe > 0 && ELISIONS.contains(w.substring(0, apostrophe)) && w.length() - apostrophe > 2) {
                tokens.add(w.substring(0, apostrophe)); // French and Italian elision: m'appeler, l'ha, d'accord
                w = w.substring(apostrophe + 1);
            }
            if (!w.isEmpty()) {
                tokens.add(w);
            }
            word.setLength(0);
        }
    }
}
