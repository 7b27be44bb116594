package io.petwatch.collector.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where a request the client got wrong becomes its answer: a 4xx with the JSON {@link ErrorBody} and one
 * log line at INFO without a stack trace. Undecodable JSON, form or protobuf bodies, malformed path and query
 * parameters, unstorable strings ({@link BadInput}), a wrong content type (415), an unknown path (404) or method
 * (405) all come through here, and so does throttled guessing ({@link Throttled}, 429) and a staff endpoint asked
 * without credentials (401 with the Basic challenge). Anything else is a server
 * fault: 500 with the same JSON body and a reference, logged at ERROR with its stack trace. The collector's only
 * exception mappers are these.
 */
public class ClientErrors {
    private static final Logger LOG = Logger.getLogger(ClientErrors.class);

    @ServerExceptionMapper
    public Response badInput(BadInput e, HttpServerRequest request) {
        return answer(request, Response.Status.BAD_REQUEST.getStatusCode(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response throttled(Throttled e, HttpServerRequest request) {
        // Not logged one by one: a guessing run would flood the log. Lockouts are logged, 429s counted in metrics.
        LOG.debugf("%s %s answered 429: %s", request.method(), path(request), e.getMessage());
        return Response.status(429).type(MediaType.APPLICATION_JSON).header(HttpHeaders.RETRY_AFTER,
                e.retryAfterSeconds()).entity(new ErrorBody(e.getMessage())).build();
    }

    /**
     * A staff endpoint asked without credentials. With the console's sign-in form enabled, Quarkus sends no challenge
     * for the API's Basic mechanism (quarkus#54948), so the answer names it: HTTP clients and curl retry with Basic.
     */
    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, HttpServerRequest request) {
        LOG.debugf("%s %s answered 401: not signed in", request.method(), path(request));
        String realm = ConfigProvider.getConfig().getOptionalValue("quarkus.http.auth.realm", String.class)
                .orElse("Quarkus");
        return Response.status(Response.Status.UNAUTHORIZED).type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + realm + "\"")
                .entity(new ErrorBody("sign in with HTTP Basic: a staff user name and password")).build();
    }

    /**
     * Signed in, but the role may not do this. The console's pages get a sentence for their flash area (or the tab),
     * the API its JSON.
     */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        String target = request.method() + " " + path(request);
        if (path(request).startsWith("/console")) {
            log(request.method().name(), request.path(), 403, "role refused");
            return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity("Your role may not do this (" + target + "). Ask a supervisor if you need it.").build();
        }
        return answer(request, Response.Status.FORBIDDEN.getStatusCode(), "your role may not do this: " + target);
    }

    /** A JSON body that does not parse, or does not fit the request's fields (wrong type, number out of range). */
    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        return answer(request, Response.Status.BAD_REQUEST.getStatusCode(), describe(e));
    }

    /** The same for a JSON value of the wrong type, which Quarkus REST would otherwise answer in a shape of its own. */
    @ServerExceptionMapper
    public Response jsonMismatch(MismatchedInputException e, HttpServerRequest request) {
        return json(e, request);
    }

    /**
     * What Quarkus REST itself refuses: 404 for an unknown path (or a path parameter it cannot convert), 405, 406,
     * 415, and 400 for a body it cannot read. An answer our own code built with a body passes through unchanged.
     */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        Response response = e.getResponse();
        int status = response.getStatus();
        if (status >= 500) {
            LOG.errorf(e, "%s %s failed with %d", request.method(), path(request), status);
            return response;
        }
        if (status < 400) {
            return response;
        }
        if (response.hasEntity()) {
            LOG.infof("%s %s answered %d", request.method(), path(request), status);
            return response;
        }
        Optional<JsonProcessingException> json = cause(e, JsonProcessingException.class);
        if (json.isPresent()) {
            return answer(request, Response.Status.BAD_REQUEST.getStatusCode(), describe(json.get()));
        }
        Optional<BadInput> bad = cause(e, BadInput.class);
        if (bad.isPresent()) {
            return answer(request, Response.Status.BAD_REQUEST.getStatusCode(), bad.get().getMessage());
        }
        return answer(request, status, message(status, e, request));
    }

    /**
     * Anything else that escapes a resource (a database outage, a bug): 500 with a short reference that the log line
     * carries with the stack trace; the client never sees a stack trace or a Java class name.
     */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, HttpServerRequest request) {
        String reference = java.util.UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "%s %s failed (reference %s)", request.method(), path(request), reference);
        return Response.status(Response.Status.INTERNAL_SERVER_ERROR).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody("the collector could not complete this request; reference " + reference))
                .build();
    }

    private static String message(int status, WebApplicationException e, HttpServerRequest request) {
        String target = request.method() + " " + path(request);
        return switch (status) {
            case 404 -> e.getCause() != null
                    ? "a path or query parameter of " + target + " is malformed: " + InputText.printable(
                            String.valueOf(e.getCause().getMessage()), 120)
                    : "no such resource: " + target;
            case 405 -> "method not allowed: " + target;
            case 406 -> "none of the accepted media types can be produced for " + target;
            case 415 -> "content type '" + InputText.printable(Optional.ofNullable(request.getHeader(
                    HttpHeaders.CONTENT_TYPE)).orElse(""), 80) + "' is not accepted by " + target;
            default -> "the request cannot be read: " + InputText.printable(
                    Optional.ofNullable(e.getCause()).map(Throwable::getMessage).orElse(e.getMessage()), 160);
        };
    }

    /** The field Jackson was filling when it failed, and why, without Java class names. */
    static String describe(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? InputText.printable(mapping.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()), 80).replaceFirst("^\\.", "") : "";
        JsonProcessingException root = e;
        for (Optional<JsonProcessingException> c = cause(e, JsonProcessingException.class); c.isPresent();
             c = cause(c.get(), JsonProcessingException.class)) {
            root = c.get();
        }
        String problem;
        if (root instanceof InputCoercionException coercion) {
            problem = "is out of range for " + expected(coercion.getTargetType());
        } else if (root instanceof MismatchedInputException mismatch) {
            problem = "has the wrong JSON type: expected " + expected(mismatch.getTargetType());
        } else {
            problem = "is not valid JSON" + Optional.ofNullable(root.getLocation()).map(l -> " (line " + l.getLineNr()
                    + ", column " + l.getColumnNr() + ")").orElse("") + ": " + InputText.printable(
                    root.getOriginalMessage().lines().findFirst().orElse("")
                    .replaceFirst(" \\(start marker at .*", ""), 160);
        }
        return (field.isEmpty() ? "body" : field) + ": " + problem;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number up to " + Integer.MAX_VALUE;
        }
        if (type == Long.class || type == long.class) {
            return "a whole number up to " + Long.MAX_VALUE;
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return type.isArray() || java.util.Collection.class.isAssignableFrom(type) ? "an array" : "an object";
    }

    private static <T extends Throwable> Optional<T> cause(Throwable e, Class<T> type) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private static Response answer(HttpServerRequest request, int status, String message) {
        log(request.method().name(), request.path(), status, message);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(message)).build();
    }

    /** The one line a client error is logged with: no stack trace, nothing unprintable. */
    private static void log(String method, String path, int status, String message) {
        LOG.infof("%s %s answered %d: %s", method, InputText.printable(path, 200), status,
                InputText.printable(message, 300));
    }

    /** The path as sent, still percent-encoded, so it holds no control character. */
    private static String path(HttpServerRequest request) {
        return InputText.printable(request.path(), 200);
    }
}
