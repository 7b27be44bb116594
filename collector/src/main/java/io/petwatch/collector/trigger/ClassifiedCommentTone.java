package io.petwatch.collector.trigger;

import io.petwatch.collector.conversation.SurveyToneClassifier;
import io.quarkus.arc.DefaultBean;
import jakarta.inject.Singleton;

/**
 * Reads survey comments with the collector's in-process survey tone classifier (package conversation; its accuracy on
 * a held-out labelled set is in bench/README.md). A default bean, so a test may put another reader in its place.
 */
@DefaultBean
@Singleton
public class ClassifiedCommentTone implements CommentTone {
    private final SurveyToneClassifier classifier = SurveyToneClassifier.standard();

    @Override
    public Tone of(String text) {
        SurveyToneClassifier.Reading reading = classifier.of(text);
        Polarity polarity = switch (reading.tone()) {
            case NEGATIVE -> Polarity.NEGATIVE;
            case NEUTRAL -> Polarity.NEUTRAL;
            case POSITIVE -> Polarity.POSITIVE;
        };
        return new Tone(polarity, reading.cues());
    }
}
