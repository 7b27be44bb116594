package io.petwatch.collector.outreach;

import io.petwatch.collector.api.ErrorBody;
import io.petwatch.collector.staff.StaffRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;

/**
 * The provider channels as operators see them: {@code GET /api/v1/channels} (each channel up or down, why and since
 * when, and the latest changes), and {@code POST /api/v1/channels/{channel}/retry} to try a channel that is down now,
 * once its credentials are fixed, rather than at its next scheduled probe.
 */
@Path("/api/v1/channels")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({StaffRoles.OPERATOR, StaffRoles.SUPERVISOR, StaffRoles.AGENT})
public class ChannelResource {
    private final ChannelStatus channels;
    private final MessageRelay relay;

    public ChannelResource(ChannelStatus channels, MessageRelay relay) {
        this.channels = channels;
        this.relay = relay;
    }

    /** Every channel's state and the newest state changes. */
    public record Overview(List<ChannelStatus.State> channels, List<ChannelStatus.Event> events) {
    }

    @GET
    public Overview list() {
        return new Overview(channels.states(), channels.events(50));
    }

    @POST
    @Path("{channel}/retry")
    @RolesAllowed(StaffRoles.OPERATOR)
    public Response retry(@PathParam("channel") String channel) {
        String name = channel.toUpperCase(Locale.ROOT);
        if (!List.of(ChannelPlan.SMS, ChannelPlan.EMAIL, ChannelPlan.PUSH).contains(name)) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON)
                    .entity(new ErrorBody("no channel '" + channel + "': channels are sms, email and push")).build();
        }
        boolean due = channels.probeNow(name);
        relay.nudge();
        return Response.ok(new ErrorBody(due ? name + " will be tried with one message now"
                : name + " is up; nothing to retry")).build();
    }
}
