package io.petwatch.collector.kpi;

import io.petwatch.collector.api.ErrorBody;
import io.petwatch.collector.staff.StaffRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /api/v1/kpis?from=2026-11-01&to=2026-11-08}: the playbook's KPIs overall, by day and by variant
 * (UTC days; by default the last 30). The same figures for the last 30 days are Prometheus gauges at /q/metrics.
 */
@Path("/api/v1/kpis")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({StaffRoles.AGENT, StaffRoles.SUPERVISOR, StaffRoles.OPERATOR})
public class KpiResource {
    private final KpiQueries kpis;
    private final Clock clock;

    public KpiResource(KpiQueries kpis, Clock clock) {
        this.kpis = kpis;
        this.clock = clock;
    }

    @GET
    public Response report(@QueryParam("from") String from, @QueryParam("to") String to) {
        LocalDate start;
        LocalDate end;
        try {
            end = to == null ? LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1) : LocalDate.parse(to);
            start = from == null ? end.minusDays(30) : LocalDate.parse(from);
        } catch (DateTimeParseException e) {
            return badRequest("from and to must be dates like 2026-11-01, was '" + e.getParsedString() + "'");
        }
        if (!start.isBefore(end) || end.toEpochDay() - start.toEpochDay() > 366) {
            return badRequest("from must be before to, at most 366 days apart; was " + start + " .. " + end);
        }
        return Response.ok(kpis.report(start, end)).build();
    }

    private static Response badRequest(String message) {
        return Response.status(Response.Status.BAD_REQUEST).entity(new ErrorBody(message)).build();
    }
}
