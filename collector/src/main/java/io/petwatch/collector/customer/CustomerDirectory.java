package io.petwatch.collector.customer;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Joins a collar to its pet and the pet's owner, and finds customers by id or mobile number. */
@ApplicationScoped
public class CustomerDirectory {
    private static final String CONTEXT = """
            SELECT c.id, c.first_name, c.last_name, c.phone, c.loyalty_score, p.id, p.name, p.species, p.sex
              FROM customers c JOIN pets p ON p.customer_id = c.id""";

    private final AgroalDataSource dataSource;

    public CustomerDirectory(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<AlertContext> forCollar(String collarId) {
        return context(CONTEXT + " JOIN collars co ON co.pet_id = p.id WHERE co.id = ?", collarId);
    }

    /** A customer with their first pet, for replies about the customer rather than an alert. */
    public Optional<AlertContext> forCustomer(String customerId) {
        return context(CONTEXT + " WHERE c.id = ? ORDER BY p.id LIMIT 1", customerId);
    }

    private Optional<AlertContext> context(String sql, String key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new AlertContext(
                        new Owner(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)),
                        new Pet(rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("customer lookup for " + key + " failed", e);
        }
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

    /** The hub a collar is registered to, if the collar is known. */
    public Optional<String> hubOfCollar(Connection connection, String collarId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT hub_id FROM collars WHERE id = ?")) {
            statement.setString(1, collarId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
