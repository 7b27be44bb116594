package io.petwatch.collector.conversation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an owner's free-text reply for what it means, in process: a lexicon of weighted cue phrases in English and
 * six other languages ({@code reply-cues.txt}), emoji included, with negation ("not eating", "not worried") and a
 * contrast ("he was sick but he's fine now": the last clause counts double). No model and no network: the same
 * words always give the same reading, and the reading names the words that caused it, for the audit trail.
 *
 * <p>The errors are not equal: reading a worried owner as reassured stops the timer on the pet that most needs a
 * person, while the reverse costs an agent a minute. So worry wins a tie with reassurance, and a reply with no cue
 * at all is UNCLEAR, which an agent sees. Accuracy on labelled replies is measured by ReplyClassifierTest.
 */
public final class ReplyClassifier {
    private static final int NEGATION_REACH = 3;
    static final Set<String> NEGATORS = Set.of("not", "no", "never", "without", "nor", "neither", "isn't",
            "isnt", "doesn't", "doesnt", "won't", "wont", "can't", "cant", "cannot", "hasn't", "hasnt", "haven't",
            "havent", "didn't", "didnt", "don't", "dont", "wasn't", "wasnt", "aren't", "arent", "ain't", "aint",
            "wouldn't", "wouldnt", "couldn't", "couldnt", "shouldn't", "nothing", "hardly", "barely", "ne", "n",
            "pas", "nicht", "kein", "keine", "nao", "nie", "niet", "geen", "non", "nunca", "jamais");
    // A negation's reach ends at a new subject or a clause: "no, he's fine" is not "not fine".
    private static final Set<String> SCOPE_ENDS = Set.of(".", "?", "but", "and", "he's", "hes", "she's", "shes",
            "it's", "he", "she", "i", "i'm", "im", "we", "they", "we're", "they're", "just", "so");
    private static final Set<String> INTENSIFIERS = Set.of("really", "very", "so", "super", "quite", "pretty",
            "too", "a", "bit", "little", "lot", "loads", "all", "extremely", "way", "even", "muy", "tres", "sehr",
            "muito", "molto", "bardzo", "heel", "erg");
    // Hyperbole said with an eye-roll is a joke about a healthy pet, and only then.
    private static final Set<String> HYPERBOLE = Set.of("dying", "dead", "death");
    private static final Set<String> SARCASM = Set.of("\uD83D\uDE44", "\uD83D\uDE12", "clearly", "obviously");
    private static final Set<String> CLAUSE_TAKERS = Set.of("say", "that", "think", "believe", "sure");
    // What follows one of these outweighs what came before: "he was sick, but he's fine".
    private static final Set<String> CONTRASTS = Set.of("but", "though", "although", "however", "actually", "pero",
            "mais", "aber", "mas", "ma", "ale", "maar");

    /** A cue phrase: its tokens ({@code *} ending a token matches any ending) and what it says, how strongly. */
    record Cue(ReplyKind kind, int weight, List<String> tokens) {
        String phrase() {
            return String.join(" ", tokens);
        }
    }

    /**
     * What a reply was read as.
     *
     * @param cues the phrases that decided it, as matched ("not eating" read as WORRIED): the reading's reasons
     */
    public record Reading(ReplyKind kind, List<String> cues) {
        public String explain() {
            return cues.isEmpty() ? "no cue recognised" : String.join(", ", cues);
        }
    }

    private final List<Cue> cues;

    ReplyClassifier(List<Cue> cues) {
        // Longest phrases first, so "never better" is taken whole before "better" alone.
        this.cues = cues.stream().sorted((a, b) -> b.tokens().size() - a.tokens().size()).toList();
    }

    /** The classifier with the project's lexicon. */
    public static ReplyClassifier standard() {
        return new ReplyClassifier(parse(Lexicon.resource("reply-cues.txt")));
    }

    /** Lines of {@code KIND WEIGHT phrase}; {@code #} starts a comment. */
    static List<Cue> parse(String lexicon) {
        List<Cue> parsed = new ArrayList<>();
        for (Lexicon.Entry e : Lexicon.entries("reply-cues.txt", lexicon, "KIND WEIGHT phrase")) {
            parsed.add(new Cue(ReplyKind.valueOf(e.label()), Integer.parseInt(e.weight()), e.tokens()));
        }
        return parsed;
    }

    /** A phrase's tokens as a reply's would be, keeping a {@code *} that ends a word. */
    static List<String> phraseTokens(String phrase) {
        List<String> tokens = new ArrayList<>();
        for (String word : phrase.split("\\s+")) {
            List<String> parts = ReplyText.tokens(word);
            tokens.addAll(parts);
            if (word.endsWith("*") && !parts.isEmpty()) {
                tokens.set(tokens.size() - 1, tokens.get(tokens.size() - 1) + "*");
            }
        }
        return tokens;
    }

    public Reading read(String reply) {
        List<String> tokens = ReplyText.tokens(reply);
        int lastClause = lastContrast(tokens);
        Map<ReplyKind, Integer> score = new EnumMap<>(ReplyKind.class);
        Map<ReplyKind, List<String>> why = new EnumMap<>(ReplyKind.class);
        int i = 0;
        int consumed = 0; // a negation reaches back only to the end of the previous cue
        boolean sarcastic = tokens.stream().anyMatch(SARCASM::contains);
        Optional<String> decisiveWorry = Optional.empty();
        while (i < tokens.size()) {
            Cue cue = null;
            int end = -1;
            for (Cue c : cues) {
                end = endOfMatch(c.tokens(), tokens, i);
                if (end > 0) {
                    cue = c;
                    break;
                }
            }
            if (cue == null) {
                i++;
                continue;
            }
            String said = String.join(" ", tokens.subList(i, end));
            ReplyKind kind = cue.kind();
            String negator = negator(tokens, i, consumed);
            if (!negator.isEmpty()) {
                kind = flipped(kind);
                said = negator + " … " + said;
            } else if (sarcastic && HYPERBOLE.contains(tokens.get(i))) {
                kind = ReplyKind.REASSURED; // "he's clearly dying on the sofa 🙄"
                said = said + "\" said with an eye-roll: \"" + String.join(" ", SARCASM.stream()
                        .filter(tokens::contains).toList());
            } else if (quoted(tokens, i, end)) {
                kind = flipped(kind); // scare quotes: he's "fine"
                said = "\"" + said + "\" in quotes";
            }
            boolean inLastClause = lastClause < 0 || i >= lastClause;
            if (kind == ReplyKind.WORRIED && cue.kind() == ReplyKind.WORRIED && cue.weight() >= 3 && inLastClause) {
                decisiveWorry = Optional.of("\"" + said + "\"");
            }
            if (kind != null) {
                int weight = cue.weight() * (lastClause > 0 && i >= lastClause ? 2 : 1);
                score.merge(kind, weight, Integer::sum);
                why.computeIfAbsent(kind, k -> new ArrayList<>()).add("\"" + said + "\"");
            }
            i = end;
            consumed = end;
        }
        ReplyKind kind = decide(score);
        if (kind.stopsTimer() && decisiveWorry.isPresent()) {
            // A clear symptom said last is never outweighed by kind words around it ("eating fine, just limping").
            return new Reading(ReplyKind.WORRIED, List.of(decisiveWorry.get() + " outweighs "
                    + String.join(", ", why.getOrDefault(kind, List.of()))));
        }
        return new Reading(kind, why.getOrDefault(kind, List.of()));
    }

    /**
     * Worry wins unless reassurance or a question outweighs it: a worsening pet with a booking or a plea for help is
     * still a worried owner; a question that only names a symptom ("what counts as breathing fast?") asks for help.
     */
    private static ReplyKind decide(Map<ReplyKind, Integer> score) {
        int reassured = score.getOrDefault(ReplyKind.REASSURED, 0);
        int worried = score.getOrDefault(ReplyKind.WORRIED, 0);
        int help = score.getOrDefault(ReplyKind.HELP, 0);
        int booking = score.getOrDefault(ReplyKind.BOOKING, 0);
        if (worried > 0 && worried >= reassured && worried >= help) {
            return ReplyKind.WORRIED;
        }
        if (help > 0 && help >= reassured) {
            return ReplyKind.HELP;
        }
        if (booking > 0 && booking >= reassured) {
            return ReplyKind.BOOKING;
        }
        // One faint cue alone (a heart, "running") is not an answer about the pet.
        return reassured >= 2 ? ReplyKind.REASSURED : ReplyKind.UNCLEAR;
    }

    /** Reassurance negated is worry and worry negated is reassurance; a negated request or booking says nothing. */
    private static ReplyKind flipped(ReplyKind kind) {
        return switch (kind) {
            case REASSURED -> ReplyKind.WORRIED;
            case WORRIED -> ReplyKind.REASSURED;
            default -> null;
        };
    }

    /**
     * Where the phrase ends if it matches the reply from {@code at}, or -1; an intensifier inside it is skipped
     * ("breathing really fast" is "breathing fast").
     */
    private static int endOfMatch(List<String> phrase, List<String> tokens, int at) {
        int t = at;
        for (int k = 0; k < phrase.size(); k++) {
            while (k > 0 && t < tokens.size() && INTENSIFIERS.contains(tokens.get(t))
                    && !INTENSIFIERS.contains(phrase.get(k))) {
                t++;
            }
            if (t >= tokens.size() || !matches(phrase.get(k), tokens.get(t))) {
                return -1;
            }
            t++;
        }
        return t;
    }

    private static boolean matches(String cueToken, String token) {
        return cueToken.endsWith("*") ? token.startsWith(cueToken.substring(0, cueToken.length() - 1))
                : token.equals(cueToken);
    }

    /**
     * The negation that reaches the cue at {@code at}, if an odd number do ("not not fine" is fine); none reaches a
     * cue that starts with a new subject ("no, he's ok").
     */
    private static String negator(List<String> tokens, int at, int from) {
        if (SCOPE_ENDS.contains(tokens.get(at))) {
            return "";
        }
        String first = "";
        int count = 0;
        for (int k = at - 1; k >= Math.max(from, at - NEGATION_REACH); k--) {
            String t = tokens.get(k);
            if (SCOPE_ENDS.contains(t)) {
                // "I wouldn't say he's unwell", "it's not that he's sick", "don't think she's ok": the negation
                // governs the clause after it.
                if (k >= from + 2 && CLAUSE_TAKERS.contains(tokens.get(k - 1)) && NEGATORS.contains(tokens.get(k - 2))) {
                    first = count == 0 ? tokens.get(k - 2) + " " + tokens.get(k - 1) : first;
                    count++;
                }
                break;
            }
            if (NEGATORS.contains(t)) {
                first = count == 0 ? t : first;
                count++;
            }
        }
        return count % 2 == 1 ? first : "";
    }

    private static boolean quoted(List<String> tokens, int from, int to) {
        return from > 0 && to < tokens.size() && tokens.get(from - 1).equals("\"") && tokens.get(to).equals("\"");
    }

    private static int lastContrast(List<String> tokens) {
        int last = -1;
        for (int k = 1; k < tokens.size(); k++) {
            if (CONTRASTS.contains(tokens.get(k))) {
                last = k;
            }
        }
        return last;
    }
}
