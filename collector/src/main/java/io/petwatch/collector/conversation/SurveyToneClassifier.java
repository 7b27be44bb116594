package io.petwatch.collector.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a post-delivery survey comment for its tone, in process, the way {@link ReplyClassifier} reads an owner's
 * reply: a lexicon of weighted cue phrases ({@code survey-tone-cues.txt}, English with some Spanish, French, German,
 * Italian, Portuguese and Dutch, emoji and star ratings), the same tokens, with negation ("not happy", "not bad"),
 * intensifiers ("really slow") and softeners ("a bit late"), a typo allowance (one letter off a long cue word), an
 * eye-roll that turns praise into sarcasm, and a contrast ("late, but the food is great") that puts the weight on
 * its last clause. No model and no network; the reading names the words that caused it.
 *
 * <p>Missing an unhappy customer costs more than an agent's call to a content one, so a complaint wins a tie with
 * praise, and praise followed by a complaint is NEGATIVE; a complaint followed by praise is mixed: NEUTRAL. Accuracy
 * on labelled comments is measured by SurveyToneClassifierTest.
 */
public final class SurveyToneClassifier {
    private static final int NEGATION_REACH = 4;
    private static final Set<String> CLAUSE_ENDS = Set.of(".", "?", "but", "and", "though", "although", "however",
            "so", "because", "cos", "as", "which");
    private static final Set<String> BOOSTERS = Set.of("really", "very", "so", "soo", "super", "extremely", "totally",
            "absolutely", "completely", "utterly", "incredibly", "seriously", "truly", "well", "most", "beyond", "too",
            "muy", "tres", "sehr", "molto", "muito", "zeer", "heel", "erg");
    private static final Set<String> SOFTENERS = Set.of("bit", "slightly", "little", "somewhat", "kinda", "kind",
            "fairly", "rather", "abit", "mildly", "tad");
    private static final Set<String> CONTRASTS = Set.of("but", "though", "although", "however", "except", "yet",
            "otherwise", "pero", "mais", "aber", "ma", "mas", "maar");
    // An eye-roll anywhere, or "oh great" in a comment that complains, is sarcasm: its praise is a complaint.
    private static final Set<String> EYE_ROLLS = Set.of("\uD83D\uDE44", "\uD83D\uDE12", "\uD83E\uDD26");
    private static final Set<String> SARCASM_LEADS = Set.of("oh", "just", "wow", "yeah");
    private static final int MIN_FUZZY_LENGTH = 6;

    /** A cue phrase: its tokens ({@code *} ending a token matches any ending), its tone and how strongly. */
    record Cue(SurveyTone tone, int weight, List<String> tokens) {
    }

    /**
     * What a comment was read as.
     *
     * @param positive the weight of its praise, negative of its complaints, as the decision saw them
     * @param cues     the phrases that counted, as matched ("not … happy" read as NEGATIVE): the reading's reasons
     */
    public record Reading(SurveyTone tone, int positive, int negative, List<String> cues) {
        public String explain() {
            return cues.isEmpty() ? "no cue recognised" : String.join(", ", cues);
        }
    }

    private final CueMatcher matcher;

    SurveyToneClassifier(List<Cue> cues) {
        // Longest phrases first, so "not bad at all" is taken whole before "bad" alone.
        this.matcher = new CueMatcher(cues.stream().sorted((a, b) -> b.tokens().size() - a.tokens().size()).toList(),
                MIN_FUZZY_LENGTH);
    }

    /** The classifier with the project's survey lexicon. */
    public static SurveyToneClassifier standard() {
        return new SurveyToneClassifier(parse(Lexicon.resource("survey-tone-cues.txt")));
    }

    /**
     * Lines of {@code TONE WEIGHT phrase}: NEGATIVE or POSITIVE with a weight of 1 to 9, or NEUTRAL 0 for a phrase
     * that only shadows a cue ("best before" is not praise); {@code #} starts a comment.
     */
    static List<Cue> parse(String lexicon) {
        String want = "NEGATIVE|POSITIVE WEIGHT(1-9) phrase, or NEUTRAL 0 phrase";
        List<Cue> parsed = new ArrayList<>();
        for (Lexicon.Entry e : Lexicon.entries("survey-tone-cues.txt", lexicon, want)) {
            boolean neutral = e.label().equals("NEUTRAL") && e.weight().equals("0");
            boolean toned = (e.label().equals("NEGATIVE") || e.label().equals("POSITIVE")) && e.weight().matches("[1-9]");
            if (!neutral && !toned) {
                throw e.refused(want);
            }
            parsed.add(new Cue(SurveyTone.valueOf(e.label()), Integer.parseInt(e.weight()), e.tokens()));
        }
        return parsed;
    }

    /** The comment's tone; an empty or missing comment is NEUTRAL. */
    public Reading of(String comment) {
        List<String> tokens = ReplyText.tokens(comment).stream().map(SurveyToneClassifier::unstretched).toList();
        List<Match> matches = matcher.matches(tokens);
        boolean complaint = matches.stream().anyMatch(m -> m.cue().tone() == SurveyTone.NEGATIVE);
        boolean eyeRoll = tokens.stream().anyMatch(EYE_ROLLS::contains);
        int lastClause = lastClause(tokens);
        int positive = 0;
        int negative = 0;
        int positiveLast = 0;
        int negativeLast = 0;
        int previousEnd = 0;
        List<String> why = new ArrayList<>();
        for (Match m : matches) {
            SurveyTone tone = m.cue().tone();
            if (tone == SurveyTone.NEUTRAL) {
                previousEnd = m.end();
                continue;
            }
            int weight = m.cue().weight();
            String said = String.join(" ", tokens.subList(m.start(), m.end()));
            String negator = negator(tokens, m.start(), previousEnd);
            if (!negator.isEmpty()) {
                // "not happy" is as bad as "unhappy"; "not bad" is faint praise.
                tone = tone == SurveyTone.POSITIVE ? SurveyTone.NEGATIVE : SurveyTone.POSITIVE;
                weight = tone == SurveyTone.POSITIVE ? Math.max(1, weight - 1) : weight;
                said = negator + " … " + said;
            } else if (tone == SurveyTone.POSITIVE && (eyeRoll || complaint && m.start() > 0
                    && SARCASM_LEADS.contains(tokens.get(m.start() - 1)))) {
                tone = SurveyTone.NEGATIVE;
                said = said + " (sarcastic)";
            }
            weight = Math.max(1, weight + degree(tokens, m.start(), previousEnd));
            boolean last = lastClause > 0 && m.start() >= lastClause;
            if (last) {
                weight *= 2;
            }
            if (tone == SurveyTone.POSITIVE) {
                positive += weight;
                positiveLast += last ? weight : 0;
            } else {
                negative += weight;
                negativeLast += last ? weight : 0;
            }
            why.add(tone + " \"" + said + "\"" + (m.fuzzy() ? " (read as " + String.join(" ", m.cue().tokens()) + ")"
                    : ""));
            previousEnd = m.end();
        }
        return new Reading(decide(positive, negative, lastClause > 0, positiveLast, negativeLast), positive,
                negative, why);
    }

    /**
     * A complaint alone is NEGATIVE, praise alone POSITIVE unless faint ("ok", "fine": NEUTRAL). Both: with a
     * contrast, a complaint last is NEGATIVE and praise last is mixed (NEUTRAL); without one, a complaint that weighs
     * at least as much as the praise is NEGATIVE, praise twice the complaint is POSITIVE, between is NEUTRAL.
     */
    static SurveyTone decide(int positive, int negative, boolean contrast, int positiveLast, int negativeLast) {
        if (negative == 0) {
            return positive >= 2 ? SurveyTone.POSITIVE : SurveyTone.NEUTRAL;
        }
        if (positive == 0) {
            return SurveyTone.NEGATIVE;
        }
        if (contrast && (positiveLast > 0 || negativeLast > 0)) {
            return negativeLast >= positiveLast ? SurveyTone.NEGATIVE : SurveyTone.NEUTRAL;
        }
        if (negative >= positive) {
            return SurveyTone.NEGATIVE;
        }
        return positive >= 2 * negative ? SurveyTone.POSITIVE : SurveyTone.NEUTRAL;
    }

    /** +1 for a booster just before the cue ("really slow"), -1 for a softener ("a bit late"). */
    private static int degree(List<String> tokens, int at, int from) {
        for (int k = at - 1; k >= Math.max(from, at - 2); k--) {
            if (BOOSTERS.contains(tokens.get(k))) {
                return 1;
            }
            if (SOFTENERS.contains(tokens.get(k))) {
                return -1;
            }
        }
        return 0;
    }

    /** The negator reaching back to the cue at {@code at}, if an odd number do, within its clause. */
    private static String negator(List<String> tokens, int at, int from) {
        String first = "";
        int count = 0;
        for (int k = at - 1; k >= Math.max(from, at - NEGATION_REACH); k--) {
            String t = tokens.get(k);
            if (CLAUSE_ENDS.contains(t)) {
                break;
            }
            if (ReplyClassifier.NEGATORS.contains(t)) {
                first = count == 0 ? t : first;
                count++;
            }
        }
        return count % 2 == 1 ? first : "";
    }

    /**
     * Where the clause that carries the comment's point starts: after its last contrast ("late, but great"), or the
     * sentence a trailing "though" ends ("slow delivery though"); -1 without a contrast.
     */
    private static int lastClause(List<String> tokens) {
        int last = -1;
        for (int k = 1; k < tokens.size(); k++) {
            if (CONTRASTS.contains(tokens.get(k))) {
                last = k;
            }
        }
        if (last > 0 && tokens.subList(last + 1, tokens.size()).stream().allMatch(t -> t.equals("."))) {
            int start = last - 1;
            while (start > 0 && !tokens.get(start - 1).equals(".")) {
                start--;
            }
            return start == 0 ? -1 : start;
        }
        return last;
    }

    /** "sooo" is "soo", "loooove" is "loove": a letter held for effect is one held once (the typo allowance does the rest). */
    private static String unstretched(String token) {
        return token.replaceAll("(\\p{L})\\1{2,}", "$1$1");
    }

    /** A cue found in the comment: tokens {@code start} to {@code end}, fuzzy if a typo was allowed for. */
    record Match(Cue cue, int start, int end, boolean fuzzy) {
    }
}
