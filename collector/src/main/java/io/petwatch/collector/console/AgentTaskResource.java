package io.petwatch.collector.console;

import io.petwatch.collector.api.ErrorBody;
import io.petwatch.collector.api.Params;
import io.petwatch.collector.casefile.AgentTasks;
import io.petwatch.collector.casefile.CaseFile;
import io.petwatch.collector.staff.Actor;
import io.petwatch.collector.staff.StaffRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Owners' replies a person must read: {@code GET /api/v1/agent-tasks} lists the open ones, oldest first, including
 * those with no case (a reply after the case closed); {@code POST /api/v1/agent-tasks/{id}/done} marks one read and
 * dealt with, on the case's trail under the signed-in agent. Recording a case's outcome closes its task too.
 */
@Path("/api/v1/agent-tasks")
@Produces(MediaType.APPLICATION_JSON)
public class AgentTaskResource {
    private final AgentTasks tasks;
    private final CaseFile cases;

    public AgentTaskResource(AgentTasks tasks, CaseFile cases) {
        this.tasks = tasks;
        this.cases = cases;
    }

    @GET
    @RolesAllowed({StaffRoles.AGENT, StaffRoles.SUPERVISOR, StaffRoles.OPERATOR})
    public Response open(@QueryParam("limit") @DefaultValue("100") String limit) {
        return Response.ok(tasks.open((int) Params.wholeNumber("limit", limit, 1, ConsoleResource.MAX_LIMIT))).build();
    }

    @POST
    @Path("{id}/done")
    @RolesAllowed({StaffRoles.AGENT, StaffRoles.SUPERVISOR})
    @Transactional
    public Response done(@PathParam("id") String taskId, @Context SecurityContext security) {
        long id = Params.id("id", taskId);
        String agent = Actor.of(security, "agent", null);
        return tasks.done(id, agent).map(task -> {
            task.caseId().ifPresent(caseId -> cases.event(caseId, "TASK_DONE", agent + " dealt with the owner's reply"
                    + " (" + task.reason() + "): \"" + task.reply() + "\""));
            return Response.ok(task).build();
        }).orElseGet(() -> Response.status(Response.Status.CONFLICT)
                .entity(new ErrorBody("no open agent task with id " + id)).build());
    }
}
