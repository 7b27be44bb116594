package io.petwatch.collector.testing;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A server fault on demand, in tests only: it must still be a 500 logged with its stack trace. */
@Path("/test-only/fault")
public class FaultResource {
    @GET
    public String fault() {
        throw new IllegalStateException("a server fault on purpose");
    }
}
