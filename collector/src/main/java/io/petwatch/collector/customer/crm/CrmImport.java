package io.petwatch.collector.customer.crm;

import io.petwatch.collector.signal.CustomerRefsChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes a validated CRM import in one transaction, upserting customers, pets and collars by their external ids, and
 * fires {@link CustomerRefsChanged} in it (signal events kept with an unknown customer are joined again).
 * An import may withdraw SMS consent but never restore it for a customer who opted out by text: only the owner's
 * own START does that.
 */
@ApplicationScoped
public class CrmImport {
    private static final Logger LOG = Logger.getLogger(CrmImport.class);

    private final Jdbi jdbi;
    private final Event<CustomerRefsChanged> imported;

    public CrmImport(Jdbi jdbi, Event<CustomerRefsChanged> imported) {
        this.jdbi = jdbi;
        this.imported = imported;
    }

    /**
     * What an import wrote.
     *
     * @param sharedNumbers mobile numbers that several customers now share (this import's rows and those already
     *                      stored): allowed, and flagged so the retailer can check them
     */
    public record Summary(int rows, int customersCreated, int customersUpdated, int pets, int collars,
                          List<SharedNumber> sharedNumbers, List<CollarMove> collarsMoved, int refs) {
    }

    /** A collar this import takes from one customer's pet to another customer's. */
    public record CollarMove(String collarId, String fromCustomer, String fromPet, String toCustomer, int line) {
    }

    /** The collars these rows would move from another customer's pet; an import moves them only when asked to. */
    public List<CollarMove> collarMoves(List<CrmRow> rows) {
        List<CrmRow> withCollar = rows.stream().filter(r -> r.collarId().isPresent()).toList();
        if (withCollar.isEmpty()) {
            return List.of();
        }
        java.util.Map<String, String[]> current = new java.util.HashMap<>();
        jdbi.useHandle(h -> h.select("""
                SELECT c.id, p.customer_id, p.id FROM collars c JOIN pets p ON p.id = c.pet_id WHERE c.id = ANY(?)""",
                (Object) withCollar.stream().map(r -> r.collarId().get()).toArray(String[]::new))
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .forEach(row -> current.put(row[0], row)));
        return withCollar.stream().filter(r -> current.containsKey(r.collarId().get())
                        && !current.get(r.collarId().get())[1].equals(r.customerId()))
                .map(r -> new CollarMove(r.collarId().get(), current.get(r.collarId().get())[1],
                        current.get(r.collarId().get())[2], r.customerId(), r.line()))
                .toList();
    }

    /**
     * A number several customers share (a household, or a typo): a reply from it goes to the customer texted last, or
     * to an agent when nobody was; STOP from it opts out everyone on it.
     *
     * @param lines the import's lines with this number
     */
    public record SharedNumber(String mobile, List<String> customers, List<Integer> lines) {
    }

    /** The hubs a collar may be registered to: every hub not revoked. */
    public Set<String> knownHubs() {
        return new HashSet<>(jdbi.withHandle(h -> h.select("SELECT id FROM hubs WHERE revoked_at IS NULL")
                .mapTo(String.class).list()));
    }

    /** Writes the rows; {@code moved} are the collar moves the caller allowed ({@link #collarMoves}). */
    @Transactional
    public Summary write(List<CrmRow> rows, List<CollarMove> moved) {
        return jdbi.withHandle(h -> {
            Set<String> seen = new HashSet<>();
            int created = 0;
            int updated = 0;
            int collars = 0;
            int refs = 0;
            for (CrmRow r : rows) {
                if (seen.add(r.customerId())) {
                    boolean inserted = h.select("""
                            INSERT INTO customers (id, first_name, last_name, phone, email, time_zone, quiet_hours,
                                                   preferred_channel, sms_consent, email_consent, push_consent,
                                                   push_token)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (id) DO UPDATE SET first_name = EXCLUDED.first_name,
                                last_name = EXCLUDED.last_name, phone = EXCLUDED.phone, email = EXCLUDED.email,
                                time_zone = EXCLUDED.time_zone, quiet_hours = EXCLUDED.quiet_hours,
                                preferred_channel = EXCLUDED.preferred_channel,
                                sms_consent = customers.sms_consent AND EXCLUDED.sms_consent,
                                email_consent = EXCLUDED.email_consent, push_consent = EXCLUDED.push_consent,
                                push_token = EXCLUDED.push_token, updated_at = now()
                            RETURNING (xmax = 0)""", r.customerId(), r.firstName(), r.lastName(), r.mobile(),
                            r.email().orElse(null), r.timeZone(), r.quietHours().orElse(null), r.preferredChannel(),
                            r.smsConsent(), r.emailConsent(), r.pushConsent(), r.pushToken().orElse(null))
                            .mapTo(Boolean.class).one();
                    created += inserted ? 1 : 0;
                    updated += inserted ? 0 : 1;
                }
                h.execute("""
                        INSERT INTO pets (id, customer_id, name, species, breed, birth_date, weight_kg, vet_clinic)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET customer_id = EXCLUDED.customer_id, name = EXCLUDED.name,
                            species = EXCLUDED.species, breed = EXCLUDED.breed, birth_date = EXCLUDED.birth_date,
                            weight_kg = EXCLUDED.weight_kg, vet_clinic = EXCLUDED.vet_clinic""",
                        r.petId(), r.customerId(), r.petName(), r.species(), r.breed().orElse(null),
                        r.birthDate().orElse(null), r.weightKg().orElse(null), r.vetClinic().orElse(null));
                if (r.collarId().isPresent()) {
                    h.execute("""
                            INSERT INTO collars (id, pet_id, hub_id) VALUES (?, ?, ?)
                            ON CONFLICT (id) DO UPDATE SET pet_id = EXCLUDED.pet_id, hub_id = EXCLUDED.hub_id""",
                            r.collarId().get(), r.petId(), r.hubId().orElseThrow());
                    collars++;
                }
                for (CrmRef ref : r.refs()) {
                    // A ref names one customer: the import's word is the latest (a Stripe customer re-linked).
                    h.execute("""
                            INSERT INTO customer_refs (system, external_id, customer_id) VALUES (?, ?, ?)
                            ON CONFLICT (system, external_id) DO UPDATE SET customer_id = EXCLUDED.customer_id""",
                            ref.system(), ref.externalId(), r.customerId());
                    refs++;
                }
            }
            List<SharedNumber> shared = h.select("""
                    SELECT phone_e164, array_agg(id ORDER BY id) FROM customers
                     WHERE phone_e164 = ANY(?) GROUP BY phone_e164 HAVING count(*) > 1 ORDER BY phone_e164""",
                    (Object) rows.stream().map(r -> digits(r.mobile())).distinct().toArray(String[]::new))
                    .map((rs, ctx) -> {
                        String mobile = rs.getString(1);
                        return new SharedNumber(mobile, List.of((String[]) rs.getArray(2).getArray()), rows.stream()
                                .filter(r -> digits(r.mobile()).equals(mobile)).map(CrmRow::line).distinct().toList());
                    })
                    .list();
            Summary summary = new Summary(rows.size(), created, updated, rows.size(), collars, shared, moved, refs);
            LOG.infof("CRM import: %s", summary);
            imported.fire(new CustomerRefsChanged(List.copyOf(seen), refs));
            return summary;
        });
    }

    /** A number as the customers table compares it ({@code phone_e164}): digits and a leading +. */
    private static String digits(String mobile) {
        return mobile.replaceAll("[^0-9+]", "");
    }
}
