package io.petwatch.collector.console.pages;

import io.petwatch.collector.api.BadInput;
import io.petwatch.collector.kpi.CalibrationQueries;
import io.petwatch.collector.kpi.CalibrationReport;
import io.petwatch.collector.kpi.KpiQueries;
import io.petwatch.collector.kpi.KpiRange;
import io.petwatch.collector.kpi.KpiReport;
import io.petwatch.collector.staff.StaffRoles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Optional;

/**
 * The KPI dashboard ({@code /console/kpis}): the same figures as {@code GET /api/v1/kpis}, read from the audit trail,
 * as headline numbers, tables and Chart.js charts (by day, by script variant, false alarms by detector), then the
 * per-signal figures and the trigger calibration table of {@code GET /api/v1/kpis/calibration}.
 */
@Path("/console/kpis")
@RolesAllowed({StaffRoles.AGENT, StaffRoles.SUPERVISOR, StaffRoles.OPERATOR})
public class KpiPage {
    private final KpiQueries kpis;
    private final CalibrationQueries calibration;
    private final CsrfTokens tokens;
    private final SecurityIdentity identity;
    private final Clock clock;

    public KpiPage(KpiQueries kpis, CalibrationQueries calibration, CsrfTokens tokens, SecurityIdentity identity,
                   Clock clock) {
        this.kpis = kpis;
        this.calibration = calibration;
        this.tokens = tokens;
        this.identity = identity;
        this.clock = clock;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance kpis(ConsoleSession session, KpiRange range, KpiReport report,
                                            CalibrationReport calibration, Optional<String> problem);
    }

    @GET
    public Response page(@QueryParam("from") String from, @QueryParam("to") String to,
                         @Context HttpHeaders headers) {
        ConsoleSession session = ConsoleSession.of(identity, headers, tokens);
        KpiRange range;
        Optional<String> problem = Optional.empty();
        try {
            range = KpiRange.of(from, to, clock);
        } catch (BadInput e) {
            range = KpiRange.of(null, null, clock);
            problem = Optional.of(e.getMessage() + ": showing the last 30 days instead.");
        }
        return Pages.html(Templates.kpis(session, range, kpis.report(range.from(), range.to()),
                calibration.calibration(range.from(), range.to()), problem), session);
    }

    /** The charts' numbers: the API's report for the same range. */
    @GET
    @Path("data")
    @Produces(MediaType.APPLICATION_JSON)
    public KpiReport data(@QueryParam("from") String from, @QueryParam("to") String to) {
        KpiRange range = KpiRange.of(from, to, clock);
        return kpis.report(range.from(), range.to());
    }
}
