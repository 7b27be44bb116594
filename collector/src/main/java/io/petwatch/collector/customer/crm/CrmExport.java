package io.petwatch.collector.customer.crm;

import de.siegmar.fastcsv.writer.CsvWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * The customers as a CSV under the import's column names, one row per pet (push tokens stay out of it: a device token
 * does not belong in a spreadsheet, so it is not a backup). Values are stored
 * as they came; here a cell that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
 * return) is written with a leading apostrophe, as OWASP advises against CSV injection. Plain numbers are left as
 * they are: "+44 7700 900101" cannot run anything.
 */
@ApplicationScoped
public class CrmExport {
    static final List<String> COLUMNS = List.of("customer_id", "first_name", "last_name", "mobile", "email",
            "time_zone", "preferred_channel", "sms_consent", "email_consent", "push_consent", "quiet_hours", "pet_id",
            "pet_name", "species", "breed", "birth_date", "weight_kg", "vet_clinic", "collar_id", "hub_id", "refs");
    private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9][0-9 ().-]*");

    private final Jdbi jdbi;

    public CrmExport(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public String csv() {
        StringWriter out = new StringWriter();
        try (CsvWriter writer = CsvWriter.builder().build(out)) {
            writer.writeRecord(COLUMNS);
            jdbi.useHandle(h -> h.select("""
                    SELECT c.id, c.first_name, c.last_name, c.phone, c.email, c.time_zone, c.preferred_channel,
                           CASE WHEN c.sms_consent THEN 'yes' ELSE 'no' END,
                           CASE WHEN c.email_consent THEN 'yes' ELSE 'no' END,
                           CASE WHEN c.push_consent THEN 'yes' ELSE 'no' END, c.quiet_hours, p.id, p.name, p.species,
                           p.breed, p.birth_date::text, p.weight_kg::text, p.vet_clinic, co.id, co.hub_id,
                           (SELECT string_agg(r.system || ':' || r.external_id, ';' ORDER BY r.system, r.external_id)
                              FROM customer_refs r WHERE r.customer_id = c.id)
                      FROM customers c JOIN pets p ON p.customer_id = c.id
                      LEFT JOIN collars co ON co.pet_id = p.id
                     ORDER BY c.id, p.id""").map((rs, ctx) -> {
                        List<String> cells = new ArrayList<>(COLUMNS.size());
                        for (int i = 1; i <= COLUMNS.size(); i++) {
                            cells.add(neutralised(rs.getString(i)));
                        }
                        return cells;
                    }).forEach(writer::writeRecord));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the customer export", e);
        }
        return out.toString();
    }

    /** A cell a spreadsheet will show as text, never run. */
    static String neutralised(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
                || first == '\r';
        return formula && !NUMBER.matcher(value).matches() ? "'" + value : value;
    }
}
