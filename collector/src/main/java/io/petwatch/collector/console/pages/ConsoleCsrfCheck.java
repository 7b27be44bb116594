package io.petwatch.collector.console.pages;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every request that changes something through the console's pages must carry the page's CSRF token in
 * {@value CsrfTokens#HEADER}; one without it, or with another user's or browser's, is refused with 403 before the
 * resource runs. The JSON API under /api is not concerned: it takes HTTP Basic, never the session cookie.
 */
public class ConsoleCsrfCheck {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private final CsrfTokens tokens;

    public ConsoleCsrfCheck(CsrfTokens tokens) {
        this.tokens = tokens;
    }

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (SAFE.contains(request.getMethod()) || !(path.equals("/console") || path.startsWith("/console/"))) {
            return Optional.empty();
        }
        String user = Optional.ofNullable(request.getSecurityContext().getUserPrincipal()).map(Principal::getName)
                .orElse(null);
        String seed = Optional.ofNullable(request.getCookies().get(CsrfTokens.SEED_COOKIE)).map(Cookie::getValue)
                .orElse(null);
        if (tokens.valid(user, seed, request.getHeaderString(CsrfTokens.HEADER))) {
            return Optional.empty();
        }
        return Optional.of(Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity("Refused: this request did not carry the console's security token for your session (it may"
                        + " come from another site, or the page is older than your sign-in). Reload the page and try"
                        + " again.")
                .build());
    }
}
