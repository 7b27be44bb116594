package io.petwatch.collector.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain SQL against the collector's PostgreSQL. Inside a {@code @Transactional} method every call joins that
 * transaction (Agroal enlists the connection), so a decision and its effects commit together or not at all.
 */
@ApplicationScoped
public class Jdbc {
    private final AgroalDataSource dataSource;

    public Jdbc(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Maps one row; may throw SQLException. */
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, args)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + firstLine(sql) + ": " + e.getMessage(), e);
        }
    }

    public <T> List<T> query(String sql, Row<T> row, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, args);
             ResultSet rs = s.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + firstLine(sql) + ": " + e.getMessage(), e);
        }
    }

    public <T> Optional<T> first(String sql, Row<T> row, Object... args) {
        return query(sql, row, args).stream().findFirst();
    }

    public long count(String sql, Object... args) {
        return first(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            Object a = args[i] instanceof Instant t ? Timestamp.from(t) : args[i];
            if (a instanceof Object[] values) {
                s.setArray(i + 1, c.createArrayOf(arrayType(values), values));
            } else {
                s.setObject(i + 1, a instanceof Optional<?> o ? o.map(v -> v instanceof Instant t ? Timestamp.from(t) : v)
                        .orElse(null) : a);
            }
        }
        return s;
    }

    /** A Java array as a PostgreSQL array parameter (for {@code unnest}): text, bigint or timestamptz. */
    private static String arrayType(Object[] values) {
        if (values instanceof String[]) {
            return "text";
        }
        if (values instanceof Long[]) {
            return "bigint";
        }
        if (values instanceof Timestamp[]) {
            return "timestamptz";
        }
        throw new IllegalArgumentException("no SQL array type for " + values.getClass().getSimpleName());
    }

    public static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
    }

    private static String firstLine(String sql) {
        String trimmed = sql.strip();
        int nl = trimmed.indexOf('\n');
        return nl < 0 ? trimmed : trimmed.substring(0, nl) + " ...";
    }
}
