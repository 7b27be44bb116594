package io.petwatch.collector.customer;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Joins a collar to its pet and the pet's owner. */
@ApplicationScoped
public class CustomerDirectory {
    private static final String BY_COLLAR = """
            SELECT c.id, c.first_name, c.last_name, c.phone, c.loyalty_score, p.id, p.name, p.species, p.sex
              FROM collars co
              JOIN pets p ON p.id = co.pet_id
              JOIN customers c ON c.id = p.customer_id
             WHERE co.id = ?""";

    private final AgroalDataSource dataSource;

    public CustomerDirectory(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<AlertContext> forCollar(String collarId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(BY_COLLAR)) {
            statement.setString(1, collarId);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new AlertContext(
                        new Owner(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)),
                        new Pet(rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("customer lookup for collar " + collarId + " failed", e);
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
