package io.petwatch.collector.console.pages;

import io.quarkus.qute.TemplateExtension;
import java.util.Optional;

/** How the console's templates print figures that may be missing (a rate with nothing to divide by). */
@TemplateExtension(namespace = "fmt")
final class Formats {
    private Formats() {
    }

    /** A share (0..1) as a percentage with one decimal, or a dash when there is none. */
    static String rate(Optional<Double> share) {
        return share.map(s -> String.format("%.1f%%", s * 100)).orElse("–");
    }

    /** A share that is always there (0..1) as a percentage with one decimal. */
    static String share(Double share) {
        return rate(Optional.ofNullable(share));
    }

    /** Seconds as "850 ms", "42 s" or "3.5 min", or a dash. */
    static String seconds(Optional<Double> seconds) {
        return seconds.map(Formats::duration).orElse("–");
    }

    static String duration(double s) {
        if (s < 1) {
            return Math.round(s * 1000) + " ms";
        }
        if (s < 120) {
            return String.format("%.1f s", s);
        }
        return s < 7200 ? String.format("%.1f min", s / 60) : String.format("%.1f h", s / 3600);
    }
}
