package io.petwatch.collector.staff;

import io.petwatch.collector.api.Throttled;
import io.petwatch.collector.throttle.CredentialGuard;
import io.quarkus.arc.Unremovable;
import io.quarkus.elytron.security.runtime.ElytronPasswordIdentityProvider;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Where every staff password is checked, whichever mechanism carried it (HTTP Basic today, a sign-in form tomorrow:
 * both hand Quarkus a user name and password). Ahead of the properties-file realm, it refuses a throttled source or
 * user before the password is looked at, and counts each wrong password; the realm itself decides.
 */
@ApplicationScoped
@Unremovable // Quarkus finds identity providers by lookup, which does not keep a bean from being removed as unused.
public class ThrottledStaffLogins implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    private final ElytronPasswordIdentityProvider realm;
    private final CredentialGuard guard;

    public ThrottledStaffLogins(ElytronPasswordIdentityProvider realm, CredentialGuard guard) {
        this.realm = realm;
        this.guard = guard;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    /** Ahead of the realm (which keeps the default priority), so the realm is never asked directly. */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        String source = CredentialGuard.source(Optional.ofNullable(HttpSecurityUtils.getRoutingContextAttribute(request))
                .map(RoutingContext::request).map(HttpServerRequest::remoteAddress).orElse(null));
        String user = request.getUsername();
        try {
            guard.admit(CredentialGuard.Kind.STAFF, source, user);
        } catch (Throttled e) {
            return Uni.createFrom().failure(e);
        }
        return realm.authenticate(request, context).onFailure(AuthenticationFailedException.class)
                .invoke(() -> guard.failed(CredentialGuard.Kind.STAFF, source, user));
    }
}
