package io.petwatch.collector.console.pages;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** How a console page or fragment is answered: HTML, never cached, with the CSRF seed cookie when it is new. */
final class Pages {
    static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

    private Pages() {
    }

    static Response html(TemplateInstance page, ConsoleSession session) {
        return html(Response.Status.OK, page, session);
    }

    static Response html(Response.Status status, TemplateInstance page, ConsoleSession session) {
        Response.ResponseBuilder response = Response.status(status).type(HTML).entity(page.render())
                .header("Cache-Control", "no-store");
        if (session.seedIsNew()) {
            response.cookie(session.seedCookie());
        }
        return response.build();
    }

    /** A short message for the page's flash area (htmx puts 4xx answers there: see console.js). */
    static Response refusal(Response.Status status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).entity(message).build();
    }
}
