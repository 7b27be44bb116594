package io.petwatch.collector.trigger;

import java.util.List;

/**
 * Reads the tone of a customer's free-text comment (a survey answer), in process. The survey rule asks it when the
 * score alone does not make an answer unhappy. The real classifier lives with the owner-conversation one (package
 * conversation); tests use a fake.
 */
public interface CommentTone {

    /** The comment's tone and the words or phrases that decided it (empty when none), for the case's trail. */
    Tone of(String text);

    enum Polarity { NEGATIVE, NEUTRAL, POSITIVE }

    record Tone(Polarity polarity, List<String> cues) {
        public Tone {
            cues = List.copyOf(cues);
        }

        public boolean negative() {
            return polarity == Polarity.NEGATIVE;
        }
    }
}
