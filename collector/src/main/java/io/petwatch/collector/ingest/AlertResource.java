package io.petwatch.collector.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import io.petwatch.collector.api.BadInput;
import io.petwatch.collector.api.ErrorBody;
import io.petwatch.collector.config.PetwatchConfig;
import io.petwatch.collector.throttle.CredentialGuard;
import io.petwatch.proto.v1.AlertBatch;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Where hubs upload protobuf alert batches: POST /api/v1/alerts. */
@Path("/api/v1")
public class AlertResource {
    public static final String PROTOBUF = "application/x-protobuf";
    private static final Logger LOG = Logger.getLogger(AlertResource.class);

    private final HubAuthenticator authenticator;
    private final AlertIngestService ingest;
    private final PetwatchConfig config;

    public AlertResource(HubAuthenticator authenticator, AlertIngestService ingest, PetwatchConfig config) {
        this.authenticator = authenticator;
        this.ingest = ingest;
        this.config = config;
    }

    @POST
    @Path("alerts")
    @Consumes(PROTOBUF)
    @Produces({PROTOBUF, MediaType.APPLICATION_JSON})
    public Response upload(byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @Context HttpServerRequest request) {
        HubAuthenticator.Outcome auth = authenticator.check(authorization,
                CredentialGuard.source(request.remoteAddress()));
        Optional<String> hub = auth.hubId();
        if (hub.isEmpty()) {
            return HubRefusal.of(auth, "send alerts");
        }
        AlertBatch batch;
        try {
            batch = AlertBatch.parseFrom(body == null ? new byte[0] : body);
        } catch (InvalidProtocolBufferException e) {
            throw new BadInput("body is not a petwatch.v1.AlertBatch protobuf: " + e.getMessage());
        }
        if (batch.getAlertsCount() == 0) {
            throw new BadInput("alert batch holds no alerts");
        }
        if (batch.getAlertsCount() > config.ingest().maxAlertsPerBatch()) {
            return error(Response.Status.REQUEST_ENTITY_TOO_LARGE, "alert batch holds " + batch.getAlertsCount()
                    + " alerts; send at most " + config.ingest().maxAlertsPerBatch() + " per request").build();
        }
        // Before anything is stored: one unstorable string refuses the whole upload, which the hub then splits.
        AlertValidator.unstorable(batch).ifPresent(problem -> {
            throw new BadInput(problem);
        });
        if (!batch.getHubId().isEmpty() && !batch.getHubId().equals(hub.get())) {
            return error(Response.Status.FORBIDDEN, "batch hub_id '" + batch.getHubId()
                    + "' is not the authenticated hub '" + hub.get() + "'").build();
        }
        // Stored alerts wait in the queue table as RECEIVED; its trigger wakes the triage workers at commit.
        IngestOutcome outcome = ingest.ingest(hub.get(), batch);
        LOG.debugf("Hub %s uploaded %d alert(s), %d new", hub.get(), batch.getAlertsCount(),
                outcome.newlyAccepted().size());
        return Response.ok(outcome.result().toByteArray(), PROTOBUF).build();
    }

    private static Response.ResponseBuilder error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(message));
    }
}
