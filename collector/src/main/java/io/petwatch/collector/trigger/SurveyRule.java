package io.petwatch.collector.trigger;

import io.petwatch.collector.signal.TriggerKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * survey.unhappy: a survey answer whose score is low for its scale (on 0..10, a detractor: 0-6 by default; on any other
 * scale, the bottom share of it: 1-2 of 1..5), or whose comment reads negative, raises SURVEY_UNHAPPY at the time it
 * was answered. A score outside its own scale, or without a scale, says nothing; the comment may still.
 * Without a {@link CommentTone}, comments are not read and only the score counts.
 */
final class SurveyRule {
    static final int EXCERPT = 160;

    private final Thresholds thresholds;
    private final Optional<CommentTone> tone;

    SurveyRule(Thresholds thresholds, Optional<CommentTone> tone) {
        this.thresholds = thresholds;
        this.tone = tone;
    }

    List<Trigger> evaluate(History history) {
        List<SignalEvent> answers = history.own();
        if (answers.isEmpty()) {
            return List.of();
        }
        SignalEvent answer = answers.get(answers.size() - 1); // a response edited later: its latest answer counts
        Facts f = answer.facts();
        Optional<Double> score = f.decimal("score");
        boolean lowScore = score.isPresent() && low(score.get(), f.decimal("scale_min"), f.decimal("scale_max"));
        Optional<String> comment = f.text("comment").map(String::strip);
        Optional<CommentTone.Tone> read = comment.flatMap(c -> tone.map(t -> t.of(c)));
        boolean negative = read.filter(CommentTone.Tone::negative).isPresent();
        if (!lowScore && !negative) {
            return List.of();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        score.ifPresent(s -> params.put("score", number(s)));
        f.decimal("scale_max").ifPresent(m -> params.put("scale_max", number(m)));
        comment.ifPresent(c -> params.put("comment_excerpt", excerpt(c)));
        params.put("tone", read.map(t -> t.polarity().name()).orElse("NOT_READ"));
        List<String> why = new ArrayList<>();
        if (lowScore) {
            why.add("scored " + number(score.get()) + " of " + f.decimal("scale_min").map(SurveyRule::number)
                    .orElse("?") + ".." + f.decimal("scale_max").map(SurveyRule::number).orElse("?"));
        }
        if (negative) {
            List<String> cues = read.get().cues();
            why.add("has a comment that reads negative" + (cues.isEmpty() ? "" : " (" + String.join(", ", cues)
                    + ")"));
        }
        return List.of(new Trigger(TriggerKind.SURVEY_UNHAPPY, false, history.subject(), answer.occurredAt(), params,
                "Survey answer " + history.subject() + " " + String.join(" and ", why) + ".", List.of(answer),
                answers.get(0).occurredAt())); // one episode per response: an edited answer is not a new one
    }

    private boolean low(double score, Optional<Double> min, Optional<Double> max) {
        if (min.isEmpty() || max.isEmpty() || max.get() <= min.get() || score < min.get() || score > max.get()) {
            return false;
        }
        if (min.get() == 0 && max.get() == 10) {
            return score <= thresholds.detractorMax();
        }
        return score <= min.get() + thresholds.lowShare() * (max.get() - min.get());
    }

    private static String excerpt(String comment) {
        return comment.length() <= EXCERPT ? comment : comment.substring(0, EXCERPT - 1).stripTrailing() + "…";
    }

    /** 3.0 as 3, 3.5 as 3.5: how the customer gave it. */
    private static Object number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Object) (long) value : (Object) value;
    }
}
