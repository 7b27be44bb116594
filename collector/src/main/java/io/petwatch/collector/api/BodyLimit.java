package io.petwatch.collector.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A request body over {@code quarkus.http.limits.max-body-size} gets a 413 that says the limit, in the API's JSON
 * error shape, instead of Vert.x's empty 413. It runs before Quarkus's own check (which stays, for bodies sent
 * without a Content-Length), on the declared length, so nothing of the body is read.
 */
@ApplicationScoped
public class BodyLimit {
    private final long maxBytes;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
                     MemorySize max) {
        this.maxBytes = max.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(-3).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                    && Long.parseLong(length) > maxBytes) {
                ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                        .putHeader("Connection", "close")
                        .end("{\"error\":\"the request body is " + length + " bytes; the limit is " + maxBytes
                                + " bytes (" + (maxBytes / (1024 * 1024)) + " MiB, quarkus.http.limits.max-body-size):"
                                + " split the file\"}");
                return;
            }
            ctx.next();
        });
    }
}
