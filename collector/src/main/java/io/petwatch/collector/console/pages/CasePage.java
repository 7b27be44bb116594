package io.petwatch.collector.console.pages;

import io.petwatch.collector.api.Params;
import io.petwatch.collector.console.AlertView;
import io.petwatch.collector.console.CaseEventView;
import io.petwatch.collector.console.CaseView;
import io.petwatch.collector.console.ConsoleQueries;
import io.petwatch.collector.playbook.CaseOutcome;
import io.petwatch.collector.staff.StaffRoles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A case as an agent works it: owner, pet and clinic; the alert's evidence as a chart and the rule in words; the
 * whole conversation; the trail; the call guide; and, for those who may, the actions (in {@link CaseActionsPage}).
 */
@Path("/console/cases/{id}")
@RolesAllowed({StaffRoles.AGENT, StaffRoles.SUPERVISOR, StaffRoles.OPERATOR})
public class CasePage {
    private final ConsoleQueries queries;
    private final CaseDetails details;
    private final CallGuide guide;
    private final CsrfTokens tokens;
    private final SecurityIdentity identity;
    private final Clock clock;

    public CasePage(ConsoleQueries queries, CaseDetails details, CallGuide guide, CsrfTokens tokens,
                    SecurityIdentity identity, Clock clock) {
        this.clock = clock;
        this.queries = queries;
        this.details = details;
        this.guide = guide;
        this.tokens = tokens;
        this.identity = identity;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance casePage(ConsoleSession session, CaseView kase, CaseDetails.Parties parties,
                                                Optional<AlertView> alert, List<CaseDetails.Line> conversation,
                                                List<CaseEventView> trail, List<CaseDetails.CreditLine> credits,
                                                Optional<List<String>> guide, List<String> outcomes, Instant now);

        static native TemplateInstance missing(ConsoleSession session, long id);
    }

    @GET
    public Response page(@PathParam("id") String caseId, @Context HttpHeaders headers) {
        long id = Params.id("id", caseId);
        ConsoleSession session = ConsoleSession.of(identity, headers, tokens);
        Optional<CaseView> kase = queries.caseById(id);
        Optional<CaseDetails.Parties> parties = details.parties(id);
        if (kase.isEmpty() || parties.isEmpty()) {
            return Pages.html(Response.Status.NOT_FOUND, Templates.missing(session, id), session);
        }
        CaseView c = kase.get();
        Optional<AlertView> alert = queries.alert(c.openedByAlert());
        List<String> outcomes = Arrays.stream(CaseOutcome.values()).map(Enum::name).toList();
        return Pages.html(Templates.casePage(session, c, parties.get(), alert, details.conversation(id),
                queries.caseEvents(id), details.credits(id), guide.forCase(c, alert), outcomes, clock.instant()),
                session);
    }

    /**
     * The chart's numbers: the day before the window and the window, hour by hour (hour starts in epoch seconds),
     * activity, baseline, worn minutes and the usual range (null where the hub sent none), and where the window starts.
     */
    @GET
    @Path("activity")
    @Produces(MediaType.APPLICATION_JSON)
    public Response activity(@PathParam("id") String caseId) {
        long id = Params.id("id", caseId);
        return queries.caseById(id).flatMap(c -> queries.alert(c.openedByAlert())).map(a -> {
            List<AlertView.HourView> hours = new ArrayList<>(a.beforeWindow());
            hours.addAll(a.evidence());
            Map<String, Object> chart = new LinkedHashMap<>();
            chart.put("hours", hours.stream().map(h -> h.hourStart().getEpochSecond()).toList());
            chart.put("activity", hours.stream().map(AlertView.HourView::activity).toList());
            chart.put("baseline", hours.stream().map(AlertView.HourView::baseline).toList());
            chart.put("worn", hours.stream().map(AlertView.HourView::wornMinutes).toList());
            chart.put("low", hours.stream().map(h -> h.hasBand() ? h.baselineLow() : null).toList());
            chart.put("high", hours.stream().map(h -> h.hasBand() ? h.baselineHigh() : null).toList());
            chart.put("windowStart", a.windowStart().getEpochSecond());
            return Response.ok(chart).build();
        }).orElseGet(() -> Pages.refusal(Response.Status.NOT_FOUND, "No case " + id + " with an alert."));
    }
}
