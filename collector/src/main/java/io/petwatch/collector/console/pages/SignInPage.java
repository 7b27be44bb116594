package io.petwatch.collector.console.pages;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * Staff sign in with the form Quarkus checks ({@code /console/j_security_check}, through the same throttled identity
 * provider as HTTP Basic) and sign out here. The session is an encrypted cookie that ends after 30 min unused.
 */
@Path("/console")
public class SignInPage {
    private final SecurityIdentity identity;

    public SignInPage(SecurityIdentity identity) {
        this.identity = identity;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signIn(boolean failed, String postLocation);
    }

    @GET
    @Path("sign-in")
    public Response signIn(@QueryParam("failed") boolean failed) {
        return Response.ok(Templates.signIn(failed, SignInOriginCheck.POST_LOCATION).render(), Pages.HTML)
                .header("Cache-Control", "no-store").build();
    }

    /** Ends the session; htmx follows HX-Redirect to the sign-in page. */
    @POST
    @Path("sign-out")
    @Authenticated
    public Response signOut() {
        FormAuthenticationMechanism.logout(identity);
        return Response.noContent().header("HX-Redirect", "/console/sign-in").build();
    }
}
