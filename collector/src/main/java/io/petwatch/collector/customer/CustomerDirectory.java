package io.petwatch.collector.customer;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Joins a collar to its pet and the pet's owner, and finds customers by id or mobile number; the other packages'
 * way to read and change customers and collars.
 */
@ApplicationScoped
public class CustomerDirectory {
    private static final String CONTEXT = """
            SELECT c.id, c.first_name, c.last_name, c.phone, c.loyalty_score, p.id, p.name, p.species, p.sex,
                   c.time_zone""";

    private final Jdbi jdbi;

    public CustomerDirectory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Pet and owner per collar, in one query; collars not linked to a pet are absent from the map. */
    public Map<String, AlertContext> forCollars(Collection<String> collarIds) {
        String[] ids = collarIds.toArray(String[]::new);
        return jdbi.withHandle(h -> h.select(CONTEXT + ", co.id FROM customers c JOIN pets p ON p.customer_id = c.id"
                        + " JOIN collars co ON co.pet_id = p.id WHERE co.id = ANY(?)", (Object) ids)
                .map((rs, ctx) -> Map.entry(rs.getString(11), context(rs)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /**
     * A customer with their first pet, for replies about the customer rather than an alert; a customer with no pet
     * (one who only buys from the retailer) comes without one.
     */
    public Optional<AlertContext> forCustomer(String customerId) {
        return jdbi.withHandle(h -> h.select(CONTEXT + " FROM customers c LEFT JOIN pets p ON p.customer_id = c.id"
                        + " WHERE c.id = ? ORDER BY p.id LIMIT 1", customerId)
                .map((rs, ctx) -> context(rs))
                .findFirst());
    }

    /**
     * The customers retail triggers are about, in one query, without a pet: a payment, a parcel or a survey answer
     * is the customer's, whichever pets they have. Unknown ids are absent from the map.
     */
    public Map<String, AlertContext> forCustomers(Collection<String> customerIds) {
        String[] ids = customerIds.toArray(String[]::new);
        return jdbi.withHandle(h -> h.select("""
                        SELECT c.id, c.first_name, c.last_name, c.phone, c.loyalty_score, c.time_zone
                          FROM customers c WHERE c.id = ANY(?)""", (Object) ids)
                .map((rs, ctx) -> Map.entry(rs.getString(1), AlertContext.ownerOnly(owner(rs, 6))))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    private static AlertContext context(ResultSet rs) throws SQLException {
        Owner owner = owner(rs, 10);
        return rs.getString(6) == null ? AlertContext.ownerOnly(owner)
                : new AlertContext(owner, new Pet(rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
    }

    private static Owner owner(ResultSet rs, int zoneColumn) throws SQLException {
        return new Owner(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                ZoneId.of(rs.getString(zoneColumn)));
    }

    /**
     * The customers with this mobile number, compared as digits and a leading + (as SMS providers send it): usually
     * one, several for a household (or a typo) that shares a phone.
     */
    public List<String> customersByPhone(String phone) {
        return jdbi.withHandle(h -> h.select("SELECT id FROM customers"
                        + " WHERE phone_e164 = regexp_replace(?, '[^0-9+]', '', 'g') ORDER BY id", phone)
                .mapTo(String.class).list());
    }

    /** Of these customers, the one most recently sent a text since {@code since}: whose conversation is open. */
    public Optional<String> lastTexted(List<String> customerIds, Instant since) {
        return jdbi.withHandle(h -> h.select("""
                SELECT customer_id FROM messages
                 WHERE customer_id = ANY(?) AND channel = 'SMS' AND status = 'SENT' AND sent_at > ?
                 ORDER BY sent_at DESC LIMIT 1""", customerIds.toArray(String[]::new), since)
                .mapTo(String.class).findFirst());
    }

    /** The hub each known collar is registered to; unknown collars are absent from the map. */
    public Map<String, String> hubsOfCollars(List<String> collarIds) {
        String[] ids = collarIds.toArray(String[]::new);
        return jdbi.withHandle(h -> h.select("SELECT id, hub_id FROM collars WHERE id = ANY(?)", (Object) ids)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** Whether the customer agrees to texts; true for an unknown id (nothing to honour). */
    public boolean smsConsent(String customerId) {
        return jdbi.withHandle(h -> h.select("SELECT sms_consent FROM customers WHERE id = ?", customerId)
                .mapTo(Boolean.class).findFirst()).orElse(true);
    }

    /** Records whether these customers agree to texts (STOP and START, for everyone on the number). */
    public void setSmsConsent(List<String> customerIds, boolean consent) {
        jdbi.withHandle(h -> h.execute("UPDATE customers SET sms_consent = ? WHERE id = ANY(?)", consent,
                customerIds.toArray(String[]::new)));
    }

    /** Sets the customer's loyalty score (0 to 100, as the column's check requires). */
    public void setLoyaltyScore(String customerId, int score) {
        jdbi.withHandle(h -> h.execute("UPDATE customers SET loyalty_score = ? WHERE id = ?", score, customerId));
    }

    /** Records each collar's firmware as reported, in one statement, writing only the ones that changed. */
    public void recordFirmware(Map<String, String> firmwareByCollar) {
        if (firmwareByCollar.isEmpty()) {
            return;
        }
        String[] ids = new String[firmwareByCollar.size()];
        String[] firmware = new String[firmwareByCollar.size()];
        int i = 0;
        for (Map.Entry<String, String> e : firmwareByCollar.entrySet()) {
            ids[i] = e.getKey();
            firmware[i++] = e.getValue();
        }
        jdbi.withHandle(h -> h.execute("""
                UPDATE collars c SET firmware = v.firmware FROM unnest(?::text[], ?::text[]) AS v(id, firmware)
                 WHERE c.id = v.id AND c.firmware IS DISTINCT FROM v.firmware""", ids, firmware));
    }
}
