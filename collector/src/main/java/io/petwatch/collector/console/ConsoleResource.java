package io.petwatch.collector.console;

import io.petwatch.collector.api.ErrorBody;
import io.petwatch.collector.api.InputText;
import io.petwatch.collector.api.Params;
import io.petwatch.collector.staff.StaffRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.IntFunction;

/** The JSON read API support staff and the demo use: alerts, cases and messages, newest first. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({StaffRoles.AGENT, StaffRoles.SUPERVISOR, StaffRoles.OPERATOR})
public class ConsoleResource {
    static final int MAX_LIMIT = 500;

    private final ConsoleQueries queries;

    public ConsoleResource(ConsoleQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("alerts")
    public Response alerts(@QueryParam("limit") @DefaultValue("100") String limit) {
        return limited(limit, queries::alerts);
    }

    @GET
    @Path("alerts/{alertId}")
    public Response alert(@PathParam("alertId") String alertId) {
        return queries.alert(alertId).map(a -> Response.ok(a).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                        .entity(new ErrorBody("no alert with id " + InputText.printable(alertId, 80))).build());
    }

    @GET
    @Path("cases")
    public Response cases(@QueryParam("limit") @DefaultValue("100") String limit) {
        return limited(limit, queries::cases);
    }

    @GET
    @Path("cases/{id}")
    public Response caseById(@PathParam("id") String caseId) {
        long id = Params.id("id", caseId);
        return queries.caseById(id).map(c -> Response.ok(c).build()).orElseGet(() -> notFound(id));
    }

    /** The case's audit trail, in order: every automated decision and human action, with its reason. */
    @GET
    @Path("cases/{id}/events")
    public Response caseEvents(@PathParam("id") String caseId) {
        long id = Params.id("id", caseId);
        return queries.caseById(id).map(c -> Response.ok(queries.caseEvents(id)).build()).orElseGet(() -> notFound(id));
    }

    /** Escalated cases waiting for an agent, oldest first. */
    @GET
    @Path("agent-queue")
    public Response agentQueue(@QueryParam("limit") @DefaultValue("100") String limit) {
        return limited(limit, queries::agentQueue);
    }

    private static Response notFound(long id) {
        return Response.status(Response.Status.NOT_FOUND).entity(new ErrorBody("no case with id " + id)).build();
    }

    @GET
    @Path("messages")
    public Response messages(@QueryParam("limit") @DefaultValue("100") String limit) {
        return limited(limit, queries::messages);
    }

    private static Response limited(String limit, IntFunction<?> query) {
        return Response.ok(query.apply((int) Params.wholeNumber("limit", limit, 1, MAX_LIMIT))).build();
    }
}
