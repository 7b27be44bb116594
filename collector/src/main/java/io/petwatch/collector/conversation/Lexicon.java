package io.petwatch.collector.conversation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A classifier's lexicon file: lines of {@code LABEL WEIGHT phrase}, {@code #} starting a comment, read from the
 * classpath next to this class. Each classifier checks its own labels and weights; a bad line names its file and
 * number.
 */
final class Lexicon {
    private Lexicon() {
    }

    /**
     * One line's fields, the phrase as tokens ({@link ReplyClassifier#phraseTokens}).
     *
     * @param line the line number, for the classifier's own messages
     */
    record Entry(String file, int line, String label, String weight, List<String> tokens, String text) {
        IllegalArgumentException refused(String want) {
            return new IllegalArgumentException(file + " line " + line + ": want " + want + ": " + text);
        }
    }

    /** The named file's text; a missing file stops start-up naming it. */
    static String resource(String file) {
        try (InputStream in = Lexicon.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException(file + " is missing from the collector's classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The lexicon's entries, in file order; a line without three fields or with an empty phrase is refused. */
    static List<Entry> entries(String file, String lexicon, String want) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = lexicon.split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            Entry entry = new Entry(file, n + 1, parts[0], parts.length > 1 ? parts[1] : "",
                    parts.length == 3 ? ReplyClassifier.phraseTokens(parts[2]) : List.of(), line);
            if (parts.length < 3) {
                throw entry.refused(want);
            }
            if (entry.tokens().isEmpty()) {
                throw new IllegalArgumentException(file + " line " + (n + 1) + ": empty phrase");
            }
            entries.add(entry);
        }
        return entries;
    }
}
