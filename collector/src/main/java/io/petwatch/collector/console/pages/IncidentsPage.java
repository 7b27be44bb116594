package io.petwatch.collector.console.pages;

import io.petwatch.collector.api.Params;
import io.petwatch.collector.incident.Incidents;
import io.petwatch.collector.outreach.MessageRelay;
import io.petwatch.collector.staff.StaffRoles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Fleet incidents ({@code /console/incidents}): a suspected storm by firmware or hub model, the collars in it and the
 * outreach it holds. Any member of staff may look; an operator releases the held outreach (the owners are told) or
 * discards it (a device fault, not sick pets).
 */
@Path("/console/incidents")
@RolesAllowed({StaffRoles.OPERATOR, StaffRoles.SUPERVISOR, StaffRoles.AGENT})
public class IncidentsPage {
    private final Incidents incidents;
    private final MessageRelay relay;
    private final CsrfTokens tokens;
    private final SecurityIdentity identity;

    public IncidentsPage(Incidents incidents, MessageRelay relay, CsrfTokens tokens, SecurityIdentity identity) {
        this.incidents = incidents;
        this.relay = relay;
        this.tokens = tokens;
        this.identity = identity;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance incidents(ConsoleSession session, List<Incidents.Incident> incidents);
    }

    @GET
    public Response page(@Context HttpHeaders headers) {
        ConsoleSession session = ConsoleSession.of(identity, headers, tokens);
        return Pages.html(Templates.incidents(session, incidents.list()), session);
    }

    @POST
    @Path("{id}/release")
    @RolesAllowed(StaffRoles.OPERATOR)
    public Response release(@PathParam("id") String id) {
        return decide(Params.id("id", id), true);
    }

    @POST
    @Path("{id}/discard")
    @RolesAllowed(StaffRoles.OPERATOR)
    public Response discard(@PathParam("id") String id) {
        return decide(Params.id("id", id), false);
    }

    private Response decide(long id, boolean release) {
        return incidents.decide(id, release, identity.getPrincipal().getName()).map(n -> {
            if (release) {
                relay.nudge();
            }
            return Response.noContent().header("HX-Refresh", "true").build();
        }).orElseGet(() -> Pages.refusal(Response.Status.CONFLICT, "Incident " + id
                + " is no longer open: someone decided it already."));
    }
}
