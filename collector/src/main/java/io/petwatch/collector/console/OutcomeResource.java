package io.petwatch.collector.console;

import io.petwatch.collector.api.BadInput;
import io.petwatch.collector.api.ErrorBody;
import io.petwatch.collector.api.InputText;
import io.petwatch.collector.api.Params;
import io.petwatch.collector.playbook.CaseActions;
import io.petwatch.collector.playbook.CaseOutcome;
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
import java.util.Arrays;

/**
 * Agents record how a case ended: {@code POST /api/v1/cases/{id}/outcome {"outcome", "note"}}, recorded under the
 * signed-in agent ({@code "agent"}, if sent, must be that agent).
 */
@Path("/api/v1/cases/{id}/outcome")
@RolesAllowed({StaffRoles.AGENT, StaffRoles.SUPERVISOR})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OutcomeResource {
    /** A note is what the agent learnt on the call, a few lines on the case's trail. */
    static final int MAX_NOTE_LENGTH = 2000;

    private final CaseActions actions;

    public OutcomeResource(CaseActions actions) {
        this.actions = actions;
    }

    /** The agent's form. */
    public record OutcomeRequest(String outcome, String agent, String note) {
    }

    @POST
    public Response record(@PathParam("id") String caseId, OutcomeRequest request, @Context SecurityContext security) {
        long id = Params.id("id", caseId);
        if (request == null) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(new ErrorBody("a JSON body with the outcome is required")).build();
        }
        if (request.note() != null) {
            InputText.require("note", request.note(), MAX_NOTE_LENGTH, InputText.Kind.TEXT);
        }
        String agent = Actor.of(security, "agent", request.agent());
        CaseOutcome outcome;
        try {
            outcome = CaseOutcome.parse(request.outcome());
        } catch (IllegalArgumentException e) {
            throw new BadInput("outcome", "must be one of " + Arrays.toString(CaseOutcome.values())
                    + ", was '" + InputText.printable(String.valueOf(request.outcome()), 40) + "'");
        }
        CaseActions.Result result = actions.record(id, outcome, agent,
                request.note() == null ? "" : request.note().trim());
        if (result.recorded().isPresent()) {
            return Response.ok(result.recorded().get()).build();
        }
        return result.refusal().get() == CaseActions.Refusal.NO_SUCH_CASE
                ? Response.status(Response.Status.NOT_FOUND).entity(new ErrorBody("no case with id " + id)).build()
                : Response.status(Response.Status.CONFLICT)
                        .entity(new ErrorBody("case " + id + " is already closed; its outcome stands")).build();
    }
}
