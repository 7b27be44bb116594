package io.petwatch.collector.ingest;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** Checks a hub's HTTP Basic credentials (hub id, hub token) against the stored token hash. */
@ApplicationScoped
public class HubAuthenticator {
    private final AgroalDataSource dataSource;

    public HubAuthenticator(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The authenticated hub id, or empty for missing, malformed or wrong credentials. */
    public Optional<String> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String hubId = decoded.substring(0, colon);
        byte[] offered = sha256Hex(decoded.substring(colon + 1)).getBytes(StandardCharsets.US_ASCII);
        return storedHash(hubId)
                .filter(stored -> MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII), offered))
                .map(stored -> hubId);
    }

    private Optional<String> storedHash(String hubId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT token_sha256 FROM hubs WHERE id = ?")) {
            statement.setString(1, hubId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("hub lookup failed", e);
        }
    }

    public static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
