package io.petwatch.bench.baseline;

import com.google.protobuf.InvalidProtocolBufferException;
import io.agroal.api.AgroalDataSource;
import io.petwatch.proto.v1.Alert;
import io.petwatch.proto.v1.AlertBatch;
import io.petwatch.proto.v1.AlertBatchResult;
import io.petwatch.proto.v1.AlertResult;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The bench's baseline for the collector's {@code POST /api/v1/alerts}: the same protobuf upload parsed, one row per
 * alert inserted in one JDBC batch (one round trip, one implicit transaction), the same {@link AlertBatchResult}
 * answer. No authentication, validation, ownership check or triage: what is left is the least any collector must
 * do. Its table is created at start in the schema named by {@code baseline.schema} (env BASELINE_SCHEMA).
 */
@Path("/api/v1")
public class BaselineAlertResource {
    static final String PROTOBUF = "application/x-protobuf";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final AgroalDataSource dataSource;
    private final String insert;
    private final String schema;

    public BaselineAlertResource(AgroalDataSource dataSource, @ConfigProperty(name = "baseline.schema") String schema) {
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("baseline.schema must be a lower-case SQL identifier, was '" + schema + "'");
        }
        this.dataSource = dataSource;
        this.schema = schema;
        this.insert = BaselineRows.insert(schema + ".baseline_alerts");
    }

    void createTable(@Observes StartupEvent event) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            s.execute(BaselineRows.createTable(schema + ".baseline_alerts"));
        }
    }

    @POST
    @Path("alerts")
    @Consumes(PROTOBUF)
    @Produces(PROTOBUF)
    public Response upload(byte[] body) {
        AlertBatch batch;
        try {
            batch = AlertBatch.parseFrom(body == null ? new byte[0] : body);
        } catch (InvalidProtocolBufferException e) {
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        List<Alert> alerts = batch.getAlertsList();
        int[] inserted;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(insert)) {
            for (Alert a : alerts) {
                BaselineRows.addToBatch(s, a, batch.getHubId());
            }
            inserted = s.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("storing " + alerts.size() + " alerts failed", e);
        }
        AlertBatchResult.Builder result = AlertBatchResult.newBuilder();
        for (int i = 0; i < alerts.size(); i++) {
            result.addResults(AlertResult.newBuilder().setAlertId(alerts.get(i).getAlertId())
                    .setOutcome(inserted[i] == 0 ? AlertResult.Outcome.DUPLICATE : AlertResult.Outcome.ACCEPTED));
        }
        return Response.ok(result.build().toByteArray(), PROTOBUF).build();
    }
}
