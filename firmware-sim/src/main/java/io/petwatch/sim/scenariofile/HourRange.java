package io.petwatch.sim.scenariofile;

import io.petwatch.sim.model.PetProfile;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Local hours of the day, {@code FROM-TO} (22-6 wraps past midnight); either end may count from the start of the
 * pet's rest (its quietest eight hours), {@code rest+9-rest+15}, so that a routine fits each pet's own day.
 */
record HourRange(boolean fromRest, int from, boolean toRest, int to) {
    private static final Pattern FORM = Pattern.compile("(rest\\+)?(\\d{1,2})\\s*-\\s*(rest\\+)?(\\d{1,2})");

    static Optional<HourRange> read(Field at, Values values) {
        Matcher m = FORM.matcher(at.text());
        if (at.isScalar() && m.matches()) {
            int from = Integer.parseInt(m.group(2));
            int to = Integer.parseInt(m.group(4));
            if (from <= 24 && to <= 24) {
                return Optional.of(new HourRange(m.group(1) != null, from, m.group(3) != null, to));
            }
        }
        values.problems().add(at, "must be local hours FROM-TO (0..24), either counted from the pet's rest as"
                + " rest+N, such as 6-21, 22-6 or rest+9-rest+15; was " + at.shown());
        return Optional.empty();
    }

    /** The first hour, 0..23, for this pet. */
    int firstHour(PetProfile pet) {
        return hour(fromRest, from, pet);
    }

    /** How many hours, 1..24. */
    int hours(PetProfile pet) {
        int length = Math.floorMod(hour(toRest, to, pet) - firstHour(pet), 24);
        return length == 0 ? 24 : length;
    }

    private static int hour(boolean rest, int h, PetProfile pet) {
        return rest ? (pet.quietestStart(8) + h) % 24 : h % 24;
    }
}
