package io.petwatch.collector.trigger;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** A stand-in for the real comment classifier in tests: a few words decide, and are named as the cues. */
final class FakeTone implements CommentTone {
    private static final List<String> NEGATIVE = List.of("awful", "broken", "late", "never again", "angry");
    private static final List<String> POSITIVE = List.of("great", "love", "thanks");

    @Override
    public Tone of(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> bad = NEGATIVE.stream().filter(lower::contains).toList();
        if (!bad.isEmpty()) {
            return new Tone(Polarity.NEGATIVE, bad);
        }
        List<String> good = Stream.of(POSITIVE).flatMap(List::stream).filter(lower::contains).toList();
        return new Tone(good.isEmpty() ? Polarity.NEUTRAL : Polarity.POSITIVE, good);
    }
}
