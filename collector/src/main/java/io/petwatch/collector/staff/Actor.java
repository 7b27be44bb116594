package io.petwatch.collector.staff;

import io.petwatch.collector.api.ErrorBody;
import io.petwatch.collector.api.InputText;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Optional;

/**
 * Who did it: always the signed-in staff member, so the audit trail and the credit cap cannot be fooled by a name
 * typed into a request. A request may still name its actor; a name other than the signed-in user's is refused.
 */
public final class Actor {
    private Actor() {
    }

    /**
     * The signed-in user's name.
     *
     * @param field   the request field that may name the actor, for the error message
     * @param claimed what that field says, if anything
     * @throws WebApplicationException 403 when {@code claimed} names someone else
     */
    public static String of(SecurityContext security, String field, String claimed) {
        String user = Optional.ofNullable(security.getUserPrincipal()).map(Principal::getName)
                .orElseThrow(() -> new IllegalStateException("a staff endpoint ran without a signed-in user"));
        if (claimed != null && !claimed.isBlank() && !claimed.trim().equals(user)) {
            throw new WebApplicationException(Response.status(Response.Status.FORBIDDEN)
                    .type(MediaType.APPLICATION_JSON)
                    .entity(new ErrorBody(field + " '" + InputText.printable(claimed.trim(), 80) + "' is not you: you are signed in as '"
                            + user + "', and actions are recorded under the signed-in user"))
                    .build());
        }
        return user;
    }
}
