package io.petwatch.collector.signal;

import io.petwatch.collector.testing.Jdbc;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Given/when/then helpers of the webhook ITs: fresh customers with refs, posting signed bodies, the stored rows. */
public final class SignalRows {
    private SignalRows() {
    }

    /** A signal_events row as stored. */
    public record Row(long id, String source, String eventId, String eventType, String signal, String subject,
                      Optional<String> customerId, Optional<String> unmatchedReason, String via, String status,
                      String payload, String facts) {
    }

    /** A random suffix, so each test's ids are its own. */
    public static String tag() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    /** A fresh customer known to the given systems by the given ids (pairs: system, external id). */
    public static String customerWithRefs(Jdbc jdbc, String... systemAndId) {
        String customer = "cus-s" + tag();
        jdbc.update("INSERT INTO customers (id, first_name, last_name, phone, time_zone)"
                + " VALUES (?, 'Robin', 'Signals', ?, 'Europe/London')", customer,
                "+447700" + (910_000 + ThreadLocalRandom.current().nextInt(89_999)));
        for (int i = 0; i < systemAndId.length; i += 2) {
            jdbc.update("INSERT INTO customer_refs (system, external_id, customer_id) VALUES (?, ?, ?)",
                    systemAndId[i], systemAndId[i + 1], customer);
        }
        return customer;
    }

    /**
     * POSTs the bytes to a webhook with its signature header (none when the value is null), never signed in as staff
     * (other ITs in this JVM sign every request in): the signature is the webhook's only authentication.
     */
    public static Response post(String path, String header, String signature, byte[] body) {
        var request = RestAssured.given().auth().none().contentType("application/json; charset=utf-8").body(body);
        if (signature != null) {
            request = request.header(header, signature);
        }
        return request.post(path);
    }

    public static List<Row> rows(Jdbc jdbc, String source, String eventId) {
        return jdbc.query("""
                SELECT id, source, event_id, event_type, signal, subject, customer_id, unmatched_reason, via, status,
                       payload, facts::text
                  FROM signal_events WHERE source = ? AND event_id = ?""",
                rs -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), Optional.ofNullable(rs.getString(7)), Optional.ofNullable(rs.getString(8)),
                        rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12)), source, eventId);
    }

    /** The one row stored for the event; fails when there is none or several. */
    public static Row row(Jdbc jdbc, String source, String eventId) {
        List<Row> rows = rows(jdbc, source, eventId);
        if (rows.size() != 1) {
            throw new AssertionError("expected one " + source + " row for " + eventId + ", found " + rows.size());
        }
        return rows.get(0);
    }
}
