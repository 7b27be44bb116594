package io.petwatch.sim.scenariofile;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How a fleet names its collars: {@code dog-{n:04}} gives dog-0001, dog-0002, ...; {@code {n}} is not padded. */
record IdPattern(String prefix, int width, String suffix) {
    private static final Pattern FORM = Pattern.compile("([A-Za-z0-9_-]*)\\{n(?::0?(\\d))?}([A-Za-z0-9_-]*)");
    static final String ALLOWED = "letters, digits, '-' and '_' around one {n} or {n:0W}";

    static Optional<IdPattern> read(Field at, Values values) {
        Matcher m = FORM.matcher(at.text());
        if (at.isScalar() && m.matches()) {
            return Optional.of(new IdPattern(m.group(1), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                    m.group(3)));
        }
        values.problems().add(at, "must be " + ALLOWED + ", such as dog-{n:04}; was " + at.shown());
        return Optional.empty();
    }

    /** Collar {@code n}, counting from 1. */
    String id(int n) {
        String number = width == 0 ? Integer.toString(n) : String.format("%0" + width + "d", n);
        return prefix + number + suffix;
    }
}
