package io.petwatch.collector.customer;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Joins a collar to its pet and the pet's owner, and finds customers by id or mobile number. */
@ApplicationScoped
public class CustomerDirectory {
    private static final String CONTEXT = """
            SELECT c.id, c.first_name, c.last_name, c.phone, c.loyalty_score, p.id, p.name, p.species, p.sex""";

    private final AgroalDataSource dataSource;

    public CustomerDirectory(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Pet and owner per collar, in one query; collars not linked to a pet are absent from the map. */
    public Map<String, AlertContext> forCollars(Collection<String> collarIds) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                CONTEXT + ", co.id FROM customers c JOIN pets p ON p.customer_id = c.id"
                        + " JOIN collars co ON co.pet_id = p.id WHERE co.id = ANY(?)")) {
            statement.setArray(1, connection.createArrayOf("text", collarIds.toArray()));
            Map<String, AlertContext> contexts = new HashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    contexts.put(rs.getString(10), context(rs));
                }
            }
            return contexts;
        } catch (SQLException e) {
            throw new IllegalStateException("customer lookup for collars " + collarIds + " failed", e);
        }
    }

    /** A customer with their first pet, for replies about the customer rather than an alert. */
    public Optional<AlertContext> forCustomer(String customerId) {
        return context(CONTEXT + " FROM customers c JOIN pets p ON p.customer_id = c.id WHERE c.id = ?"
                + " ORDER BY p.id LIMIT 1", customerId);
    }

    private Optional<AlertContext> context(String sql, String key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(context(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("customer lookup for " + key + " failed", e);
        }
    }

    private static AlertContext context(ResultSet rs) throws SQLException {
        return new AlertContext(new Owner(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getInt(5)), new Pet(rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
    }

    /** The customer whose mobile number this is, compared as digits and a leading + (as SMS providers send it). */
    public Optional<String> customerByPhone(String phone) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "SELECT id FROM customers WHERE phone_e164 = regexp_replace(?, '[^0-9+]', '', 'g') ORDER BY id LIMIT 1")) {
            statement.setString(1, phone);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("customer lookup by phone failed", e);
        }
    }

    /** The hub each known collar is registered to; unknown collars are absent from the map. */
    public Map<String, String> hubsOfCollars(Connection connection, Collection<String> collarIds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, hub_id FROM collars WHERE id = ANY(?)")) {
            statement.setArray(1, connection.createArrayOf("text", collarIds.toArray()));
            Map<String, String> hubs = new HashMap<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    hubs.put(rs.getString(1), rs.getString(2));
                }
            }
            return hubs;
        }
    }
}
