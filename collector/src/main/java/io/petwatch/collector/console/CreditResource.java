package io.petwatch.collector.console;

import io.petwatch.collector.api.ErrorBody;
import io.petwatch.collector.api.InputText;
import io.petwatch.collector.api.Params;
import io.petwatch.collector.playbook.Credits;
import io.petwatch.collector.staff.Actor;
import io.petwatch.collector.staff.StaffRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;

/**
 * Agents grant credits on a case ({@code POST /api/v1/cases/{id}/credits}); supervisors decide on the ones above the
 * cap ({@code POST /api/v1/credits/{id}/approve} or {@code /decline}).
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CreditResource {
    /** A reason, for a grant or a decision, is a sentence or two on the case's trail. */
    public static final int MAX_REASON_LENGTH = 500;

    private final Credits credits;

    public CreditResource(Credits credits) {
        this.credits = credits;
    }

    /** An agent's grant. */
    public record Grant(Integer amountCents, String grantedBy, String reason) {
    }

    /** A supervisor's decision, with an optional reason for the case's trail. */
    public record Decision(String supervisor, String reason) {
    }

    @POST
    @Path("cases/{id}/credits")
    @RolesAllowed({StaffRoles.AGENT, StaffRoles.SUPERVISOR})
    public Response grant(@PathParam("id") String id, Grant grant, @Context SecurityContext security) {
        long caseId = Params.id("id", id);
        if (grant == null || grant.amountCents() == null || grant.amountCents() <= 0 || blank(grant.reason())) {
            return bad("amountCents (positive) and reason are required");
        }
        InputText.require("reason", grant.reason(), MAX_REASON_LENGTH, InputText.Kind.TEXT);
        String agent = Actor.of(security, "grantedBy", grant.grantedBy());
        Credits.Granted granted = credits.grant(caseId, grant.amountCents(), agent, grant.reason().trim());
        if (granted.credit().isPresent()) {
            Credits.Credit c = granted.credit().get();
            return Response.status(c.status().equals("GRANTED") ? 201 : 202).entity(c).build();
        }
        return granted.refusal().orElseThrow() == Credits.Refusal.NO_SUCH_CASE
                ? Response.status(404).entity(new ErrorBody("no case with id " + caseId)).build()
                : Response.status(409).entity(new ErrorBody("case " + caseId + " is closed: no credit can be granted"
                        + " on it")).build();
    }

    @POST
    @Path("credits/{id}/approve")
    @RolesAllowed(StaffRoles.SUPERVISOR)
    public Response approve(@PathParam("id") String creditId, Decision decision, @Context SecurityContext security) {
        return decide(Params.id("id", creditId), true, decision, security);
    }

    @POST
    @Path("credits/{id}/decline")
    @RolesAllowed(StaffRoles.SUPERVISOR)
    public Response decline(@PathParam("id") String creditId, Decision decision, @Context SecurityContext security) {
        return decide(Params.id("id", creditId), false, decision, security);
    }

    private Response decide(long creditId, boolean approve, Decision decision, SecurityContext security) {
        String supervisor = Actor.of(security, "supervisor", decision == null ? null : decision.supervisor());
        Optional<String> reason = Optional.ofNullable(decision).map(Decision::reason).filter(r -> !r.isBlank())
                .map(r -> InputText.require("reason", r, MAX_REASON_LENGTH, InputText.Kind.TEXT).trim());
        return credits.decide(creditId, approve, supervisor, reason).map(c -> Response.ok(c).build())
                .orElseGet(() -> Response.status(409).entity(new ErrorBody("credit " + creditId
                        + " is not waiting for approval")).build());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Response bad(String message) {
        return Response.status(400).entity(new ErrorBody(message)).build();
    }
}
