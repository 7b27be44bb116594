package io.petwatch.sim.scenariofile;

import io.petwatch.sim.input.Closest;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Scalars of a scenario file: each parser returns the value, or records a problem naming the field and line. */
final class Values {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(d|h|m|s)");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d[\\d_]*)?(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final Pattern DURATION_WHOLE = Pattern.compile("(\\d+\\s*(d|h|m|s)\\s*)+");

    private final Problems problems;

    Values(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    /** Plain text, not empty. */
    Optional<String> text(Field at) {
        if (!at.isScalar() || at.text().isEmpty()) {
            problems.add(at, "must be text, was " + at.shown());
            return Optional.empty();
        }
        return Optional.of(at.text());
    }

    Optional<Long> whole(Field at, long min, long max) {
        Optional<Long> value = Optional.empty();
        if (at.isScalar()) {
            try {
                value = Optional.of(Long.parseLong(at.text().replace("_", "")));
            } catch (NumberFormatException e) {
                value = Optional.empty();
            }
        }
        if (value.isEmpty()) {
            problems.add(at, "must be a whole number, was " + at.shown());
        } else if (value.get() < min || value.get() > max) {
            problems.add(at, "must be " + min + ".." + max + ", was " + value.get());
            return Optional.empty();
        }
        return value;
    }

    Optional<Integer> integer(Field at, int min, int max) {
        return whole(at, min, max).map(Long::intValue);
    }

    Optional<Double> number(Field at, double min, double max) {
        Optional<Double> value = at.isScalar() ? parseNumber(at.text()) : Optional.empty();
        if (value.isEmpty()) {
            problems.add(at, "must be a number, was " + at.shown());
        } else if (value.get() < min || value.get() > max) {
            problems.add(at, "must be " + plain(min) + ".." + plain(max) + ", was " + at.text());
            return Optional.empty();
        }
        return value;
    }

    Optional<Boolean> bool(Field at) {
        String text = at.text().toLowerCase(Locale.ROOT);
        if (at.isScalar() && (text.equals("true") || text.equals("false"))) {
            return Optional.of(text.equals("true"));
        }
        problems.add(at, "must be true or false, was " + at.shown());
        return Optional.empty();
    }

    /** 90m, 72h, 3d, 30s or combined (1d12h); a day is 24 hours. ISO-8601 (PT72H) is accepted too. */
    Optional<Duration> duration(Field at) {
        String text = at.text().toLowerCase(Locale.ROOT);
        if (at.isScalar() && DURATION_WHOLE.matcher(text).matches()) {
            Duration total = Duration.ZERO;
            Matcher m = DURATION.matcher(text);
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "d" -> Duration.ofDays(n);
                    case "h" -> Duration.ofHours(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofSeconds(n);
                });
            }
            return Optional.of(total);
        }
        if (at.isScalar() && text.startsWith("p")) {
            try {
                return Optional.of(Duration.parse(at.text()));
            } catch (DateTimeParseException e) {
                // falls through to the message below
            }
        }
        problems.add(at, "must be a duration such as 90m, 72h, 3d or 1d12h, was " + at.shown());
        return Optional.empty();
    }

    /** An ISO-8601 instant with an offset: 2026-03-01T00:00:00Z or 2026-03-01T09:00:00+01:00. */
    Optional<Instant> instant(Field at) {
        if (at.isScalar()) {
            try {
                return Optional.of(OffsetDateTime.parse(at.text()).toInstant());
            } catch (DateTimeParseException e) {
                // the message below says what is expected
            }
        }
        problems.add(at, "must be an ISO-8601 instant with an offset, such as 2026-03-01T00:00:00Z, was "
                + at.shown());
        return Optional.empty();
    }

    /** A time zone by its region id (Europe/London), or UTC. */
    Optional<ZoneId> zone(Field at) {
        if (at.isScalar()) {
            String text = at.text();
            if (ZoneId.getAvailableZoneIds().contains(text) || text.equals("UTC") || text.equals("Z")) {
                try {
                    return Optional.of(ZoneId.of(text));
                } catch (DateTimeException e) {
                    // the message below names the closest zone
                }
            }
        }
        problems.add(at, "unknown time zone " + at.shown() + Closest.suggestion(at.text(), ZoneId.getAvailableZoneIds())
                + " (zones are region ids such as Europe/London, or UTC)");
        return Optional.empty();
    }

    static Optional<Double> parseNumber(String text) {
        if (!NUMBER.matcher(text).matches()) {
            return Optional.empty(); // Java would read 3d and 2f as numbers
        }
        try {
            double d = Double.parseDouble(text.replace("_", ""));
            return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
