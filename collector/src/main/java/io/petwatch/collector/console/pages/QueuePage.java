package io.petwatch.collector.console.pages;

import io.petwatch.collector.config.PetwatchConfig;
import io.petwatch.collector.playbook.Playbook;
import io.petwatch.collector.signal.TriggerKind;
import io.petwatch.collector.staff.StaffRoles;
import io.petwatch.proto.v1.AlertKind;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The queue page ({@code /console}): what waits for a person, soonest due first, with filters, a refresh every
 * {@code petwatch.console.refresh} without reloading the page (htmx swaps the rows). Take and hand back are
 * {@link CaseHolding}.
 */
@Path("/console")
@RolesAllowed({StaffRoles.AGENT, StaffRoles.SUPERVISOR, StaffRoles.OPERATOR})
public class QueuePage {
    /** The alert kinds the protocol knows, the retail triggers, and REPLY for owners' replies without a case. */
    static final List<String> KINDS = Stream.of(Arrays.stream(AlertKind.values())
                    .filter(k -> k != AlertKind.ALERT_KIND_UNSPECIFIED && k != AlertKind.UNRECOGNIZED).map(Enum::name),
                    Playbook.COLLAR_KINDS_AHEAD.stream().sorted(), Arrays.stream(TriggerKind.values()).map(Enum::name),
                    Stream.of("REPLY"))
            .flatMap(k -> k).distinct().toList();

    private final ConsoleQueue queue;
    private final CsrfTokens tokens;
    private final SecurityIdentity identity;
    private final long refreshSeconds;

    public QueuePage(ConsoleQueue queue, CsrfTokens tokens, SecurityIdentity identity, PetwatchConfig config) {
        this.queue = queue;
        this.tokens = tokens;
        this.identity = identity;
        this.refreshSeconds = Math.max(1, config.console().refresh().toSeconds());
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance queue(ConsoleSession session, QueueFilter filter, List<QueueItem> items,
                                             Instant now, List<String> kinds, long refreshSeconds, int max);

        static native TemplateInstance queue$rows(ConsoleSession session, List<QueueItem> items, Instant now,
                                                  int max);
    }

    @GET
    public Response page(@QueryParam("kind") String kind, @QueryParam("severity") String severity,
                         @QueryParam("held") String held, @QueryParam("mine") String mine,
                         @Context HttpHeaders headers) {
        ConsoleSession session = ConsoleSession.of(identity, headers, tokens);
        QueueFilter filter = QueueFilter.of(kind, severity, held, mine);
        return Pages.html(Templates.queue(session, filter, queue.items(filter, session.user()), queue.now(), KINDS,
                refreshSeconds, ConsoleQueue.MAX_ITEMS), session);
    }

    /** The rows alone, for the page's live refresh and after a take or hand-back. */
    @GET
    @Path("queue")
    public Response rows(@QueryParam("kind") String kind, @QueryParam("severity") String severity,
                         @QueryParam("held") String held, @QueryParam("mine") String mine,
                         @Context HttpHeaders headers) {
        ConsoleSession session = ConsoleSession.of(identity, headers, tokens);
        QueueFilter filter = QueueFilter.of(kind, severity, held, mine);
        return Pages.html(Templates.queue$rows(session, queue.items(filter, session.user()), queue.now(),
                ConsoleQueue.MAX_ITEMS), session);
    }
}
