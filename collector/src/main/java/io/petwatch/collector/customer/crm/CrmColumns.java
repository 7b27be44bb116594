package io.petwatch.collector.customer.crm;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The columns of an import against the known ones: an unknown column (a misspelt {@code sms_concent}) is an error
 * that names it and the closest known name, because a column ignored in silence is a consent taken as missing, or
 * worse.
 */
final class CrmColumns {
    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private CrmColumns() {
    }

    /** Every column that is not known, with a suggestion where one is close; empty when all are known. */
    static Optional<String> unknown(List<CrmParser.RawRow> rows) {
        Set<String> seen = new TreeSet<>();
        rows.forEach(r -> seen.addAll(r.fields().keySet()));
        List<String> unknown = seen.stream().filter(c -> !CrmValidator.COLUMNS.contains(c)).toList();
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("unknown column" + (unknown.size() > 1 ? "s " : " ") + String.join(", ",
                unknown.stream().map(CrmColumns::described).toList()) + "; nothing was imported. The columns are: "
                + String.join(", ", new TreeSet<>(CrmValidator.COLUMNS)));
    }

    private static String described(String column) {
        String normal = column.trim().toLowerCase(java.util.Locale.ROOT).replace(' ', '_').replace('-', '_');
        Optional<String> closest = CrmValidator.COLUMNS.stream()
                .min(Comparator.comparingInt(known -> DISTANCE.apply(known, normal)))
                .filter(known -> DISTANCE.apply(known, normal) <= Math.max(2, known.length() / 3));
        return "'" + column + "'" + closest.map(c -> " (did you mean '" + c + "'?)").orElse("");
    }
}
