package io.petwatch.collector.customer.crm;

import io.petwatch.collector.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Writes a validated CRM import in one transaction, upserting customers, pets and collars by their external ids.
 * An import may withdraw SMS consent but never restore it for a customer who opted out by text: only the owner's
 * own START does that.
 */
@ApplicationScoped
public class CrmImport {
    private static final Logger LOG = Logger.getLogger(CrmImport.class);

    private final Jdbc jdbc;

    public CrmImport(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** What an import wrote. */
    public record Summary(int rows, int customersCreated, int customersUpdated, int pets, int collars) {
    }

    public Set<String> knownHubs() {
        return new HashSet<>(jdbc.query("SELECT id FROM hubs WHERE revoked_at IS NULL", rs -> rs.getString(1)));
    }

    @Transactional
    public Summary write(List<CrmRow> rows) {
        Set<String> seen = new HashSet<>();
        int created = 0;
        int updated = 0;
        int collars = 0;
        for (CrmRow r : rows) {
            if (seen.add(r.customerId())) {
                boolean inserted = jdbc.first("""
                        INSERT INTO customers (id, first_name, last_name, phone, email, time_zone, quiet_hours,
                                               preferred_channel, sms_consent, email_consent, push_consent, push_token)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET first_name = EXCLUDED.first_name,
                            last_name = EXCLUDED.last_name, phone = EXCLUDED.phone, email = EXCLUDED.email,
                            time_zone = EXCLUDED.time_zone, quiet_hours = EXCLUDED.quiet_hours,
                            preferred_channel = EXCLUDED.preferred_channel,
                            sms_consent = customers.sms_consent AND EXCLUDED.sms_consent,
                            email_consent = EXCLUDED.email_consent, push_consent = EXCLUDED.push_consent,
                            push_token = EXCLUDED.push_token, updated_at = now()
                        RETURNING (xmax = 0)""", rs -> rs.getBoolean(1), r.customerId(), r.firstName(), r.lastName(),
                        r.mobile(), r.email(), r.timeZone(), r.quietHours(), r.preferredChannel(), r.smsConsent(),
                        r.emailConsent(), r.pushConsent(), r.pushToken()).orElseThrow();
                created += inserted ? 1 : 0;
                updated += inserted ? 0 : 1;
            }
            jdbc.update("""
                    INSERT INTO pets (id, customer_id, name, species, breed, birth_date, weight_kg, vet_clinic)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET customer_id = EXCLUDED.customer_id, name = EXCLUDED.name,
                        species = EXCLUDED.species, breed = EXCLUDED.breed, birth_date = EXCLUDED.birth_date,
                        weight_kg = EXCLUDED.weight_kg, vet_clinic = EXCLUDED.vet_clinic""",
                    r.petId(), r.customerId(), r.petName(), r.species(), r.breed(),
                    r.birthDate().map(java.sql.Date::valueOf), r.weightKg(), r.vetClinic());
            if (r.collarId().isPresent()) {
                jdbc.update("""
                        INSERT INTO collars (id, pet_id, hub_id) VALUES (?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET pet_id = EXCLUDED.pet_id, hub_id = EXCLUDED.hub_id""",
                        r.collarId().get(), r.petId(), r.hubId().orElseThrow());
                collars++;
            }
        }
        Summary summary = new Summary(rows.size(), created, updated, rows.size(), collars);
        LOG.infof("CRM import: %s", summary);
        return summary;
    }
}
