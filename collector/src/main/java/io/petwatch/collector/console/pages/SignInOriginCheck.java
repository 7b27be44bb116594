package io.petwatch.collector.console.pages;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Locale;

/**
 * The sign-in form is posted before there is a session to derive a CSRF token from, so it is guarded the other way
 * OWASP describes: a browser always says where a POST comes from (Origin), and a sign-in posted from another site's
 * page is refused. Requests without Origin (scripts, curl) are not browsers and cannot be led into a login CSRF.
 */
@ApplicationScoped
public class SignInOriginCheck {
    static final String POST_LOCATION = "/console/j_security_check";

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            HttpServerRequest request = rc.request();
            if (request.method() == HttpMethod.POST && POST_LOCATION.equals(request.path())
                    && !sameOrigin(request.getHeader("Origin"), request.getHeader("Host"))) {
                rc.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=UTF-8")
                        .end("Refused: this sign-in was posted from another site's page. Open the console's own"
                                + " sign-in page and sign in there.");
                return;
            }
            rc.next();
        }, 200);
    }

    /** No Origin (not a browser) is allowed; "null" or another host is not. */
    static boolean sameOrigin(String origin, String host) {
        if (origin == null) {
            return true;
        }
        if (host == null || origin.equals("null")) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String authority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return authority != null && authority.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
