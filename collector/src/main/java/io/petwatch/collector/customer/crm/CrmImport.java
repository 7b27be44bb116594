package io.petwatch.collector.customer.crm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes a validated CRM import in one transaction, upserting customers, pets and collars by their external ids.
 * An import may withdraw SMS consent but never restore it for a customer who opted out by text: only the owner's
 * own START does that.
 */
@ApplicationScoped
public class CrmImport {
    private static final Logger LOG = Logger.getLogger(CrmImport.class);

    private final Jdbi jdbi;

    public CrmImport(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** What an import wrote. */
    public record Summary(int rows, int customersCreated, int customersUpdated, int pets, int collars) {
    }

    /** The hubs a collar may be registered to: every hub not revoked. */
    public Set<String> knownHubs() {
        return new HashSet<>(jdbi.withHandle(h -> h.select("SELECT id FROM hubs WHERE revoked_at IS NULL")
                .mapTo(String.class).list()));
    }

    @Transactional
    public Summary write(List<CrmRow> rows) {
        return jdbi.withHandle(h -> {
            Set<String> seen = new HashSet<>();
            int created = 0;
            int updated = 0;
            int collars = 0;
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
            }
            Summary summary = new Summary(rows.size(), created, updated, rows.size(), collars);
            LOG.infof("CRM import: %s", summary);
            return summary;
        });
    }
}
