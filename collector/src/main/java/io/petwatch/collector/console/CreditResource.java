package io.petwatch.collector.console;

import io.petwatch.collector.ingest.ErrorBody;
import io.petwatch.collector.playbook.Credits;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Agents grant credits on a case ({@code POST /api/v1/cases/{id}/credits}); supervisors decide on the ones above the
 * cap ({@code POST /api/v1/credits/{id}/approve} or {@code /decline}).
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CreditResource {
    private final Credits credits;

    public CreditResource(Credits credits) {
        this.credits = credits;
    }

    /** An agent's grant. */
    public record Grant(Integer amountCents, String grantedBy, String reason) {
    }

    /** A supervisor's decision. */
    public record Decision(String supervisor) {
    }

    @POST
    @Path("cases/{id}/credits")
    public Response grant(@PathParam("id") long caseId, Grant grant) {
        if (grant == null || grant.amountCents() == null || grant.amountCents() <= 0 || blank(grant.grantedBy())
                || blank(grant.reason())) {
            return bad("amountCents (positive), grantedBy and reason are required");
        }
        return credits.grant(caseId, grant.amountCents(), grant.grantedBy().trim(), grant.reason().trim())
                .map(c -> Response.status(c.status().equals("GRANTED") ? 201 : 202).entity(c).build())
                .orElseGet(() -> Response.status(404).entity(new ErrorBody("no case with id " + caseId)).build());
    }

    @POST
    @Path("credits/{id}/approve")
    public Response approve(@PathParam("id") long creditId, Decision decision) {
        return decide(creditId, true, decision);
    }

    @POST
    @Path("credits/{id}/decline")
    public Response decline(@PathParam("id") long creditId, Decision decision) {
        return decide(creditId, false, decision);
    }

    private Response decide(long creditId, boolean approve, Decision decision) {
        if (decision == null || blank(decision.supervisor())) {
            return bad("supervisor is required");
        }
        return credits.decide(creditId, approve, decision.supervisor().trim()).map(c -> Response.ok(c).build())
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
