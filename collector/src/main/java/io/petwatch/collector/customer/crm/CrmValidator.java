package io.petwatch.collector.customer.crm;

import io.petwatch.collector.api.InputText;
import io.petwatch.collector.customer.QuietHours;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks every row of a CRM import and reports every problem of every row, so one pass fixes the file. The import
 * is all or nothing: a single rejected row and nothing is written.
 */
public final class CrmValidator {
    private static final Set<String> SPECIES = Set.of("dog", "cat", "other");
    private static final Set<String> CHANNELS = Set.of("SMS", "EMAIL", "PUSH");
    /**
     * The longest value of each column, in characters. Every value is one line without control characters: a NUL
     * cannot be stored at all, and the others would reach owners' texts and agents' screens.
     */
    private static final Map<String, Integer> MAX_LENGTH = new TreeMap<>(Map.ofEntries(Map.entry("customer_id", 64),
            Map.entry("first_name", 100), Map.entry("last_name", 100), Map.entry("mobile", 32), Map.entry("email", 254),
            Map.entry("time_zone", 64), Map.entry("preferred_channel", 16), Map.entry("sms_consent", 8),
            Map.entry("email_consent", 8), Map.entry("push_consent", 8), Map.entry("quiet_hours", 32),
            Map.entry("pet_id", 64), Map.entry("pet_name", 100), Map.entry("species", 16), Map.entry("breed", 100),
            Map.entry("birth_date", 10), Map.entry("weight_kg", 16), Map.entry("vet_clinic", 200),
            Map.entry("collar_id", 64), Map.entry("hub_id", 64), Map.entry("push_token", 4096),
            Map.entry("refs", 2048)));

    /** The columns an import may have; any other is refused, so a misspelt one is never silently ignored. */
    public static final Set<String> COLUMNS = Set.copyOf(MAX_LENGTH.keySet());

    /** A row that cannot be imported and every reason why. */
    public record Rejected(int line, String customerId, List<String> reasons) {
    }

    /** Either the rows to import or the rejected ones. */
    public record Result(List<CrmRow> rows, List<Rejected> rejected) {
        public boolean ok() {
            return rejected.isEmpty();
        }
    }

    /** Validates against today's date (birth dates in the future are refused) and the hubs that exist. */
    public static Result validate(List<CrmParser.RawRow> raw, LocalDate today, Set<String> knownHubs) {
        List<CrmRow> rows = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        Map<String, CrmRow> firstOfCustomer = new HashMap<>();
        Map<String, Integer> petLines = new HashMap<>();
        Map<String, Integer> collarLines = new HashMap<>();
        if (raw.isEmpty()) {
            rejected.add(new Rejected(0, "", List.of("the file holds no rows")));
        }
        for (CrmParser.RawRow r : raw) {
            List<String> why = new ArrayList<>();
            MAX_LENGTH.forEach((column, max) -> InputText.problem(r.get(column), max, InputText.Kind.LINE)
                    .ifPresent(problem -> why.add(column + ": " + problem)));
            String customerId = required(r, "customer_id", why);
            String mobile = r.get("mobile").replaceAll("[\\s().-]", "");
            if (!mobile.matches("\\+[1-9][0-9]{7,14}")) {
                why.add("mobile must be an international number like +447700900101, was '" + r.get("mobile") + "'");
            }
            Optional<String> email = optional(r, "email");
            email.filter(e -> !e.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))
                    .ifPresent(e -> why.add("email is not an address: '" + e + "'"));
            String zone = r.get("time_zone").isEmpty() ? "UTC" : r.get("time_zone");
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                why.add("time_zone must be an IANA zone such as Europe/London, was '" + zone + "'");
            }
            String channel = r.get("preferred_channel").isEmpty() ? "SMS" : r.get("preferred_channel")
                    .toUpperCase(Locale.ROOT);
            if (!CHANNELS.contains(channel)) {
                why.add("preferred_channel must be SMS, EMAIL or PUSH, was '" + r.get("preferred_channel") + "'");
            }
            Optional<Boolean> sms = bool(r, "sms_consent", why);
            Optional<Boolean> mail = bool(r, "email_consent", why);
            Optional<Boolean> push = bool(r, "push_consent", why);
            Optional<String> pushToken = optional(r, "push_token");
            pushToken.filter(t -> t.length() > 4096 || !t.matches("[A-Za-z0-9_:.\\-]+"))
                    .ifPresent(t -> why.add("push_token is not an app device token (letters, digits and - _ : . only,"
                            + " at most 4096)"));
            if (push.orElse(false) && pushToken.isEmpty()) {
                why.add("push_consent is yes but there is no push_token: the app registers one when it is installed");
            }
            Optional<String> quiet = optional(r, "quiet_hours");
            quiet.ifPresent(q -> {
                try {
                    QuietHours.parse(q);
                } catch (IllegalArgumentException e) {
                    why.add(e.getMessage());
                }
            });
            String petId = required(r, "pet_id", why);
            String species = r.get("species").toLowerCase(Locale.ROOT);
            if (!SPECIES.contains(species)) {
                why.add("species must be dog, cat or other, was '" + r.get("species") + "'");
            }
            Optional<LocalDate> birth = Optional.empty();
            if (!r.get("birth_date").isEmpty()) {
                try {
                    birth = Optional.of(LocalDate.parse(r.get("birth_date")));
                    if (birth.get().isAfter(today)) {
                        why.add("birth_date " + birth.get() + " is in the future");
                    }
                } catch (DateTimeParseException e) {
                    why.add("birth_date must look like 2019-04-30, was '" + r.get("birth_date") + "'");
                }
            }
            Optional<Double> weight = Optional.empty();
            if (!r.get("weight_kg").isEmpty()) {
                try {
                    weight = Optional.of(Double.parseDouble(r.get("weight_kg")));
                    if (weight.get() <= 0 || weight.get() >= 200) {
                        why.add("weight_kg must be between 0 and 200, was " + r.get("weight_kg"));
                    }
                } catch (NumberFormatException e) {
                    why.add("weight_kg must be a number, was '" + r.get("weight_kg") + "'");
                }
            }
            Optional<String> collar = optional(r, "collar_id");
            Optional<String> hub = optional(r, "hub_id");
            if (collar.isPresent() != hub.isPresent()) {
                why.add("collar_id and hub_id go together: a collar is paired to a hub");
            }
            hub.filter(h -> !knownHubs.contains(h)).ifPresent(h -> why.add("hub_id '" + h + "' is not a known hub"));
            Integer seenPet = petLines.putIfAbsent(petId, r.line());
            if (seenPet != null && !petId.isEmpty()) {
                why.add("pet_id '" + petId + "' already appears on line " + seenPet);
            }
            collar.ifPresent(c -> {
                Integer seen = collarLines.putIfAbsent(c, r.line());
                if (seen != null) {
                    why.add("collar_id '" + c + "' already appears on line " + seen);
                }
            });
            CrmRow row = new CrmRow(r.line(), customerId, required(r, "first_name", why), required(r, "last_name", why),
                    mobile, email, zone, channel, sms.orElse(false), mail.orElse(false), quiet, petId,
                    required(r, "pet_name", why), species, optional(r, "breed"), birth, weight,
                    optional(r, "vet_clinic"), collar, hub, push.orElse(false), pushToken, CrmRef.parse(r.get("refs"), why));
            CrmRow first = firstOfCustomer.putIfAbsent(customerId, row);
            if (first != null && !sameCustomer(first, row)) {
                why.add("customer " + customerId + "'s details differ from line " + first.line());
            }
            if (why.isEmpty()) {
                rows.add(row);
            } else {
                rejected.add(new Rejected(r.line(), customerId, List.copyOf(why)));
            }
        }
        return new Result(rejected.isEmpty() ? List.copyOf(rows) : List.of(), List.copyOf(rejected));
    }

    private static boolean sameCustomer(CrmRow a, CrmRow b) {
        return Objects.equals(List.of(a.firstName(), a.lastName(), a.mobile(), a.email(), a.timeZone(),
                a.preferredChannel(), a.smsConsent(), a.emailConsent(), a.quietHours(), a.pushConsent(), a.pushToken()),
                List.of(b.firstName(), b.lastName(), b.mobile(), b.email(), b.timeZone(), b.preferredChannel(),
                        b.smsConsent(), b.emailConsent(), b.quietHours(), b.pushConsent(), b.pushToken()));
    }

    private static String required(CrmParser.RawRow r, String name, List<String> why) {
        String value = r.get(name);
        if (value.isEmpty()) {
            why.add(name + " is required");
        }
        return value;
    }

    private static Optional<String> optional(CrmParser.RawRow r, String name) {
        String value = r.get(name);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<Boolean> bool(CrmParser.RawRow r, String name, List<String> why) {
        String value = r.get(name).toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (Set.of("true", "yes", "1", "y").contains(value)) {
            return Optional.of(true);
        }
        if (Set.of("false", "no", "0", "n").contains(value)) {
            return Optional.of(false);
        }
        why.add(name + " must be yes or no, was '" + r.get(name) + "'");
        return Optional.empty();
    }
}
