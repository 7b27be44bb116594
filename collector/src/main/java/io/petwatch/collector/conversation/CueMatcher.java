package io.petwatch.collector.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds a survey lexicon's cue phrases in a comment's tokens, left to right, the longest phrase first at each place.
 * A booster or softener inside a phrase is skipped ("not very good" holds "not good"), and a word one letter off a
 * long single-word cue is taken for it ("terible", "excelent"): survey comments are typed fast on phones.
 */
final class CueMatcher {
    private static final Set<String> SKIPPABLE = Set.of("really", "very", "so", "soo", "super", "too", "quite", "bit",
            "a", "little", "that", "at", "all", "even");

    private final List<SurveyToneClassifier.Cue> cues;
    private final int minFuzzyLength;

    /** @param cues longest first */
    CueMatcher(List<SurveyToneClassifier.Cue> cues, int minFuzzyLength) {
        this.cues = cues;
        this.minFuzzyLength = minFuzzyLength;
    }

    List<SurveyToneClassifier.Match> matches(List<String> tokens) {
        List<SurveyToneClassifier.Match> found = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            SurveyToneClassifier.Match match = exact(tokens, i);
            if (match == null) {
                match = fuzzy(tokens, i);
            }
            if (match == null) {
                i++;
            } else {
                found.add(match);
                i = match.end();
            }
        }
        return found;
    }

    private SurveyToneClassifier.Match exact(List<String> tokens, int at) {
        for (SurveyToneClassifier.Cue cue : cues) {
            int end = endOfMatch(cue.tokens(), tokens, at);
            if (end > 0) {
                return new SurveyToneClassifier.Match(cue, at, end, false);
            }
        }
        return null;
    }

    private SurveyToneClassifier.Match fuzzy(List<String> tokens, int at) {
        String token = tokens.get(at);
        if (token.length() < minFuzzyLength - 1 || !Character.isLetter(token.charAt(0))) {
            return null;
        }
        for (SurveyToneClassifier.Cue cue : cues) {
            String word = cue.tokens().get(0);
            // A word that is the cue less or plus its last letter is usually another word ("please", "price"),
            // unless it is a dropped g ("amazin").
            boolean otherWord = (word.startsWith(token) || token.startsWith(word)) && !word.equals(token + "g");
            if (cue.tokens().size() == 1 && word.length() >= minFuzzyLength && !word.endsWith("*") && !otherWord
                    && oneEditApart(word, token)) {
                return new SurveyToneClassifier.Match(cue, at, at + 1, true);
            }
        }
        return null;
    }

    private static int endOfMatch(List<String> phrase, List<String> tokens, int at) {
        int t = at;
        for (int k = 0; k < phrase.size(); k++) {
            while (k > 0 && t < tokens.size() && SKIPPABLE.contains(tokens.get(t)) && !phrase.get(k)
                    .equals(tokens.get(t))) {
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

    /** One letter inserted, dropped, changed, or two neighbours swapped (and not the same word). */
    static boolean oneEditApart(String a, String b) {
        if (a.equals(b) || Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int i = 0;
        while (i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (a.length() == b.length()) {
            if (a.substring(i + 1).equals(b.substring(i + 1))) {
                return true;
            }
            return i + 1 < a.length() && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.substring(i + 2).equals(b.substring(i + 2));
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = a.length() > b.length() ? b : a;
        return longer.substring(i + 1).equals(shorter.substring(i));
    }
}
