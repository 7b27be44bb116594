package io.petwatch.collector.kpi;

import io.petwatch.collector.staff.StaffRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/**
 * {@code GET /api/v1/kpis?from=2026-11-01&to=2026-11-08}: the playbook's KPIs overall, by day, by variant and by signal
 * (UTC days; by default the last 30); {@code GET /api/v1/kpis/calibration} with the same range: the trigger
 * calibration report. The same figures for the last 30 days are Prometheus gauges at /q/metrics.
 */
@Path("/api/v1/kpis")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({StaffRoles.AGENT, StaffRoles.SUPERVISOR, StaffRoles.OPERATOR})
public class KpiResource {
    private final KpiQueries kpis;
    private final CalibrationQueries calibration;
    private final Clock clock;

    public KpiResource(KpiQueries kpis, CalibrationQueries calibration, Clock clock) {
        this.kpis = kpis;
        this.calibration = calibration;
        this.clock = clock;
    }

    @GET
    public Response report(@QueryParam("from") String from, @QueryParam("to") String to) {
        KpiRange range = KpiRange.of(from, to, clock);
        return Response.ok(kpis.report(range.from(), range.to())).build();
    }

    @GET
    @Path("calibration")
    public Response calibration(@QueryParam("from") String from, @QueryParam("to") String to) {
        KpiRange range = KpiRange.of(from, to, clock);
        return Response.ok(calibration.calibration(range.from(), range.to())).build();
    }
}
