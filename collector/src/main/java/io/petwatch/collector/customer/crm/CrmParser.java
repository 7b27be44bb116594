package io.petwatch.collector.customer.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a CRM export, CSV with a header row or a JSON array of objects, into raw rows of named fields (the same
 * names either way: customer_id, first_name, last_name, mobile, email, time_zone, preferred_channel, sms_consent,
 * email_consent, quiet_hours, pet_id, pet_name, species, breed, birth_date, weight_kg, vet_clinic, collar_id,
 * hub_id, and the optional push_consent and push_token of the owner's PetWatch app, and refs: the customer's ids in
 * the retailer's other systems, {@code stripe:cus_...;parcel:<tracking code>}). Validation is {@link CrmValidator}'s job.
 */
public final class CrmParser {
    private CrmParser() {
    }

    /** A row as read, with the line (CSV) or the position (JSON, from 1) it came from. */
    public record RawRow(int line, Map<String, String> fields) {
        public String get(String name) {
            String value = fields.get(name);
            return value == null ? "" : value.trim();
        }
    }

    public static List<RawRow> csv(String text) {
        List<RawRow> rows = new ArrayList<>();
        try (CsvReader<NamedCsvRecord> reader = CsvReader.builder().ofNamedCsvRecord(text)) {
            for (NamedCsvRecord record : reader) {
                rows.add(new RawRow((int) record.getStartingLineNumber(), record.getFieldsAsMap()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (de.siegmar.fastcsv.reader.CsvParseException e) {
            throw new IllegalArgumentException("the CSV cannot be read: " + e.getMessage(), e);
        }
        return rows;
    }

    public static List<RawRow> json(String text, ObjectMapper mapper) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("the JSON cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("the JSON must be an array of row objects");
        }
        List<RawRow> rows = new ArrayList<>();
        int n = 0;
        for (JsonNode row : root) {
            n++;
            Map<String, String> fields = new HashMap<>();
            if (row.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    fields.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
                }
            }
            rows.add(new RawRow(n, fields));
        }
        return rows;
    }
}
