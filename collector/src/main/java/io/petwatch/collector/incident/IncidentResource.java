package io.petwatch.collector.incident;

import io.petwatch.collector.api.ErrorBody;
import io.petwatch.collector.api.Params;
import io.petwatch.collector.outreach.MessageRelay;
import io.petwatch.collector.staff.Actor;
import io.petwatch.collector.staff.StaffRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;

/**
 * Engineering incidents opened by fleet storms: {@code GET /api/v1/incidents}; an operator releases or discards the
 * outreach they hold with {@code POST /api/v1/incidents/{id}/release} or {@code /discard}, recorded under the signed-in
 * operator ({@code {"operator"}}, if sent, must be that operator).
 */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({StaffRoles.OPERATOR, StaffRoles.AGENT, StaffRoles.SUPERVISOR})
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
    @RolesAllowed(StaffRoles.OPERATOR)
    public Response release(@PathParam("id") String id, Decision decision, @Context SecurityContext security) {
        return decide(Params.id("id", id), true, decision, security);
    }

    @POST
    @Path("{id}/discard")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(StaffRoles.OPERATOR)
    public Response discard(@PathParam("id") String id, Decision decision, @Context SecurityContext security) {
        return decide(Params.id("id", id), false, decision, security);
    }

    private Response decide(long id, boolean release, Decision decision, SecurityContext security) {
        String operator = Actor.of(security, "operator", decision == null ? null : decision.operator());
        return incidents.decide(id, release, operator).map(cases -> {
            if (release) {
                relay.nudge();
            }
            return Response.ok(Map.of("incident", id, release ? "released" : "discarded", cases)).build();
        }).orElseGet(() -> Response.status(409).entity(new ErrorBody("incident " + id + " is not open")).build());
    }
}
