package io.petwatch.collector.console.pages;

import io.petwatch.collector.api.Params;
import io.petwatch.collector.staff.StaffRoles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * Take a case from the queue, or hand it back. Under the case's own path: JAX-RS picks the class with the longest
 * literal path first, so these could not live under {@code /console} next to the case page.
 */
@Path("/console/cases/{id}")
public class CaseHolding {
    private final ConsoleQueue queue;
    private final SecurityIdentity identity;

    public CaseHolding(ConsoleQueue queue, SecurityIdentity identity) {
        this.queue = queue;
        this.identity = identity;
    }

    @POST
    @Path("take")
    @RolesAllowed({StaffRoles.AGENT, StaffRoles.SUPERVISOR})
    @Transactional
    public Response take(@PathParam("id") String caseId) {
        long id = Params.id("id", caseId);
        return answer(queue.take(id, identity.getPrincipal().getName()), id);
    }

    @POST
    @Path("hand-back")
    @RolesAllowed({StaffRoles.AGENT, StaffRoles.SUPERVISOR})
    @Transactional
    public Response handBack(@PathParam("id") String caseId) {
        long id = Params.id("id", caseId);
        return answer(queue.handBack(id, identity.getPrincipal().getName()), id);
    }

    private Response answer(ConsoleQueue.Change change, long id) {
        return switch (change) {
            case DONE -> Response.noContent().header("HX-Trigger", "queue-changed").build();
            case HELD_BY_SOMEONE_ELSE -> Pages.refusal(Response.Status.CONFLICT, "Case #" + id + " is held by "
                    + queue.holder(id).orElse("someone else") + ": ask them to hand it back first.");
            case NOT_YOURS -> Pages.refusal(Response.Status.CONFLICT, "Case #" + id + " is not yours to hand back"
                    + queue.holder(id).map(h -> " (" + h + " holds it).").orElse(": nobody holds it."));
            case NOT_OPEN -> Pages.refusal(Response.Status.CONFLICT, "Case #" + id + " is closed or does not exist.");
        };
    }
}
