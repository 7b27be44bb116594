package io.petwatch.collector.api;

import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every path and query parameter of every endpoint is checked before any resource sees it: a NUL in a hub id
 * ({@code /api/v1/hubs/%00/pair}) is a 400 naming the parameter, never a database error.
 */
public class ParameterChecks {
    /** Longer than any id or date this API takes. */
    static final int MAX_LENGTH = 256;

    @ServerRequestFilter
    public void checkParameters(UriInfo uri) {
        check(uri.getPathParameters(true), "path parameter ");
        check(uri.getQueryParameters(true), "query parameter ");
    }

    private static void check(Map<String, List<String>> parameters, String what) {
        parameters.forEach((name, values) -> values.forEach(value -> InputText.require(what
                + InputText.printable(name, 40), value, MAX_LENGTH, InputText.Kind.LINE)));
    }
}
