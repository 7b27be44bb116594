package io.petwatch.collector.trigger;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * The fake comment reader as a bean, for DetectionIT's profile only (an alternative nothing else enables): the real
 * classifier is another part's, and the rules' own tests cover the tone path without a container.
 */
@Alternative
@Singleton
public class SurveyToneForTests implements CommentTone {
    private final FakeTone fake = new FakeTone();

    @Override
    public Tone of(String text) {
        return fake.of(text);
    }
}
