package io.petwatch.collector.testing;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Short SQL checks for tests, over the collector's own Jdbi: what a test asserts about the tables. */
@ApplicationScoped
public class Jdbc {
    private final Jdbi jdbi;

    public Jdbc(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Maps one row. */
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public int update(String sql, Object... args) {
        return jdbi.withHandle(h -> h.execute(sql, args));
    }

    public <T> List<T> query(String sql, Row<T> row, Object... args) {
        return jdbi.withHandle(h -> h.select(sql, args).map((rs, ctx) -> row.map(rs)).list());
    }

    public <T> Optional<T> first(String sql, Row<T> row, Object... args) {
        return query(sql, row, args).stream().findFirst();
    }

    public long count(String sql, Object... args) {
        return first(sql, rs -> rs.getLong(1), args).orElse(0L);
    }
}
