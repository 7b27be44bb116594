package io.petwatch.collector.console.pages;

import io.petwatch.collector.api.InputText;
import io.petwatch.collector.api.Params;
import io.petwatch.collector.console.CreditResource;
import io.petwatch.collector.playbook.Credits;
import io.petwatch.collector.staff.StaffRoles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/**
 * A supervisor's approvals ({@code /console/approvals}): credits above the cap that agents asked for, oldest first,
 * each approved or declined with a reason that goes on the case's trail; and the latest decisions.
 */
@Path("/console/approvals")
@RolesAllowed(StaffRoles.SUPERVISOR)
public class ApprovalsPage {
    private final Approvals approvals;
    private final Credits credits;
    private final CsrfTokens tokens;
    private final SecurityIdentity identity;

    public ApprovalsPage(Approvals approvals, Credits credits, CsrfTokens tokens, SecurityIdentity identity) {
        this.approvals = approvals;
        this.credits = credits;
        this.tokens = tokens;
        this.identity = identity;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance approvals(ConsoleSession session, List<Approvals.Request> waiting,
                                                 List<Approvals.Request> decided);
    }

    @GET
    public Response page(@Context HttpHeaders headers) {
        ConsoleSession session = ConsoleSession.of(identity, headers, tokens);
        return Pages.html(Templates.approvals(session, approvals.waiting(), approvals.recentlyDecided()), session);
    }

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response approve(@PathParam("id") String creditId, @FormParam("reason") String reason) {
        return decide(Params.id("id", creditId), true, reason);
    }

    @POST
    @Path("{id}/decline")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decline(@PathParam("id") String creditId, @FormParam("reason") String reason) {
        return decide(Params.id("id", creditId), false, reason);
    }

    private Response decide(long id, boolean approve, String reason) {
        if (reason == null || reason.isBlank()) {
            return Pages.refusal(Response.Status.BAD_REQUEST, "Give a reason: the agent and the trail will show it.");
        }
        Optional<String> problem = InputText.problem(reason, CreditResource.MAX_REASON_LENGTH, InputText.Kind.TEXT);
        if (problem.isPresent()) {
            return Pages.refusal(Response.Status.BAD_REQUEST, "The reason " + problem.get() + ".");
        }
        return credits.decide(id, approve, identity.getPrincipal().getName(), Optional.of(reason.trim()))
                .map(c -> Response.noContent().header("HX-Refresh", "true").build())
                .orElseGet(() -> Pages.refusal(Response.Status.CONFLICT, "Credit " + id
                        + " is no longer waiting: someone decided it already."));
    }
}
