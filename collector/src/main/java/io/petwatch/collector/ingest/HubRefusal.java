package io.petwatch.collector.ingest;

import io.petwatch.collector.api.ErrorBody;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The one answer to a hub that could not be let in: 401 with the hubs' Basic challenge and what to do about it. */
final class HubRefusal {
    private HubRefusal() {
    }

    /** @param action what the hub was trying, as in "pair it again to {@code send alerts}" */
    static Response of(HubAuthenticator.Outcome auth, String action) {
        String message = auth.refusal().orElseThrow() == HubAuthenticator.Refusal.REVOKED
                ? "this hub has been revoked: pair it again to " + action
                : "unknown hub or wrong token: authenticate with HTTP Basic using the hub id and the hub token";
        return Response.status(Response.Status.UNAUTHORIZED).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(message))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"petwatch-hubs\"").build();
    }
}
