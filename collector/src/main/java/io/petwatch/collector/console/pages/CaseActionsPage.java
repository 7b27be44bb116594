package io.petwatch.collector.console.pages;

import io.petwatch.collector.api.InputText;
import io.petwatch.collector.api.Params;
import io.petwatch.collector.casefile.CaseFile;
import io.petwatch.collector.console.CreditResource;
import io.petwatch.collector.outreach.ChannelPlan;
import io.petwatch.collector.outreach.Outbox;
import io.petwatch.collector.playbook.CaseActions;
import io.petwatch.collector.playbook.CaseOutcome;
import io.petwatch.collector.playbook.Credits;
import io.petwatch.collector.staff.StaffRoles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Optional;

/**
 * What an agent does on a case page: record the outcome, text the owner through the same relay (consent and all),
 * grant a credit (within the cap at once, above it as a request to a supervisor), add a note. Each lands on the
 * case's trail in the same transaction, and the page reloads to show it.
 */
@Path("/console/cases/{id}")
@RolesAllowed({StaffRoles.AGENT, StaffRoles.SUPERVISOR})
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class CaseActionsPage {
    static final int MAX_NOTE = 2000;
    /** One SMS conversation turn: longer texts are split by carriers and read badly. */
    static final int MAX_REPLY = 480;
    static final int MAX_CREDIT_CENTS = 1_000_000;

    private final CaseActions actions;
    private final CaseFile cases;
    private final Credits credits;
    private final CaseDetails details;
    private final Outbox outbox;
    private final SecurityIdentity identity;
    private final Clock clock;

    public CaseActionsPage(CaseActions actions, CaseFile cases, Credits credits, CaseDetails details, Outbox outbox,
                           SecurityIdentity identity, Clock clock) {
        this.actions = actions;
        this.cases = cases;
        this.credits = credits;
        this.details = details;
        this.outbox = outbox;
        this.identity = identity;
        this.clock = clock;
    }

    @POST
    @Path("outcome")
    @Transactional
    public Response outcome(@PathParam("id") String caseId, @FormParam("outcome") String outcome,
                            @FormParam("note") String note) {
        long id = Params.id("id", caseId);
        Optional<Response> bad = text("note", note, MAX_NOTE, false);
        if (bad.isPresent()) {
            return bad.get();
        }
        CaseOutcome parsed;
        try {
            parsed = CaseOutcome.parse(outcome);
        } catch (IllegalArgumentException e) {
            return refuse("Choose an outcome from the list.");
        }
        CaseActions.Result result = actions.record(id, parsed, user(), note == null ? "" : note.trim());
        if (result.recorded().isPresent()) {
            return reload();
        }
        return result.refusal().orElseThrow() == CaseActions.Refusal.NO_SUCH_CASE
                ? Pages.refusal(Response.Status.NOT_FOUND, "No case #" + id + ".")
                : Pages.refusal(Response.Status.CONFLICT, "Case #" + id + " is already closed; its outcome stands.");
    }

    @POST
    @Path("note")
    @Transactional
    public Response note(@PathParam("id") String caseId, @FormParam("note") String note) {
        long id = Params.id("id", caseId);
        Optional<Response> bad = text("note", note, MAX_NOTE, true);
        if (bad.isPresent()) {
            return bad.get();
        }
        if (details.parties(id).isEmpty()) {
            return Pages.refusal(Response.Status.NOT_FOUND, "No case #" + id + ".");
        }
        cases.event(id, "NOTE", user() + ": " + note.trim());
        return reload();
    }

    /** A text to the owner, written by the agent, sent by the relay like any other (and never without consent). */
    @POST
    @Path("reply")
    @Transactional
    public Response reply(@PathParam("id") String caseId, @FormParam("text") String text) {
        long id = Params.id("id", caseId);
        Optional<Response> bad = text("text", text, MAX_REPLY, true);
        if (bad.isPresent()) {
            return bad.get();
        }
        Optional<CaseDetails.Parties> parties = details.parties(id);
        if (parties.isEmpty()) {
            return Pages.refusal(Response.Status.NOT_FOUND, "No case #" + id + ".");
        }
        CaseDetails.Parties p = parties.get();
        if (!p.smsConsent()) {
            return refuse(p.ownerName() + " has not agreed to texts (or texted STOP): call them on " + p.phone()
                    + " instead.");
        }
        String body = text.trim();
        outbox.queue(new Outbox.Message(ChannelPlan.SMS, Optional.of(id), p.customerId(), p.phone(),
                "agent-reply-" + clock.millis(), body, clock.instant(), "written by " + user()));
        cases.event(id, "AGENT_REPLIED", user() + " texted the owner: \"" + body + "\"");
        return reload();
    }

    @POST
    @Path("credits")
    @Transactional
    public Response credit(@PathParam("id") String caseId, @FormParam("amount") String amount,
                           @FormParam("reason") String reason) {
        long id = Params.id("id", caseId);
        Optional<Response> bad = text("reason", reason, CreditResource.MAX_REASON_LENGTH, true);
        if (bad.isPresent()) {
            return bad.get();
        }
        Optional<Integer> cents = cents(amount);
        if (cents.isEmpty()) {
            return refuse("Amount: a sum such as 15 or 12.50, more than 0.");
        }
        Credits.Granted granted = credits.grant(id, cents.get(), user(), reason.trim());
        if (granted.credit().isPresent()) {
            return reload();
        }
        return granted.refusal().orElseThrow() == Credits.Refusal.NO_SUCH_CASE
                ? Pages.refusal(Response.Status.NOT_FOUND, "No case #" + id + ".")
                : Pages.refusal(Response.Status.CONFLICT, "Case #" + id + " is closed: no credit can be granted on it.");
    }

    /** "12.50" or "12" as cents; empty when it is not a positive sum with at most two decimals. */
    static Optional<Integer> cents(String amount) {
        if (amount == null || !amount.trim().matches("\\d{1,6}([.,]\\d{1,2})?")) {
            return Optional.empty();
        }
        String[] parts = amount.trim().split("[.,]");
        int cents = Integer.parseInt(parts[0]) * 100
                + (parts.length == 2 ? Integer.parseInt((parts[1] + "0").substring(0, 2)) : 0);
        return cents > 0 && cents <= MAX_CREDIT_CENTS ? Optional.of(cents) : Optional.empty();
    }

    private String user() {
        return identity.getPrincipal().getName();
    }

    private static Optional<Response> text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            return required ? Optional.of(refuse("Write the " + field + " first.")) : Optional.empty();
        }
        return InputText.problem(value, max, InputText.Kind.TEXT).map(p -> refuse("The " + field + " " + p + "."));
    }

    private static Response refuse(String message) {
        return Pages.refusal(Response.Status.BAD_REQUEST, message);
    }

    /** htmx reloads the page, so the trail, the conversation and the credits all show the change. */
    private static Response reload() {
        return Response.noContent().header("HX-Refresh", "true").build();
    }
}
