package io.petwatch.collector.incident;

import io.petwatch.collector.ingest.ErrorBody;
import io.petwatch.collector.outreach.MessageRelay;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Engineering incidents opened by fleet storms: {@code GET /api/v1/incidents}; an operator releases or discards the
 * outreach they hold with {@code POST /api/v1/incidents/{id}/release} or {@code /discard} {@code {"operator"}}.
 */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {
    private final Incidents incidents;
    private final MessageRelay relay;

    public IncidentResource(Incidents incidents, MessageRelay relay) {
        this.incidents = incidents;
        this.relay = relay;
    }

    /** Who decides. */
    public record Decision(String operator) {
    }

    @GET
    public Response list() {
        return Response.ok(incidents.list()).build();
    }

    @POST
    @Path("{id}/release")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response release(@PathParam("id") long id, Decision decision) {
        return decide(id, true, decision);
    }

    @POST
    @Path("{id}/discard")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response discard(@PathParam("id") long id, Decision decision) {
        return decide(id, false, decision);
    }

    private Response decide(long id, boolean release, Decision decision) {
        if (decision == null || decision.operator() == null || decision.operator().isBlank()) {
            return Response.status(400).entity(new ErrorBody("operator is required")).build();
        }
        return incidents.decide(id, release, decision.operator().trim()).map(cases -> {
            if (release) {
                relay.nudge();
            }
            return Response.ok(Map.of("incident", id, release ? "released" : "discarded", cases)).build();
        }).orElseGet(() -> Response.status(409).entity(new ErrorBody("incident " + id + " is not open")).build());
    }
}
