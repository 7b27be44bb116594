package io.petwatch.collector.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import io.petwatch.collector.api.BadInput;
import io.petwatch.collector.api.ErrorBody;
import io.petwatch.collector.throttle.CredentialGuard;
import io.petwatch.proto.v1.FirmwareCount;
import io.petwatch.proto.v1.HubCensus;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Where hubs send their hourly census: POST /api/v1/hubs/census, a {@code petwatch.v1.HubCensus} protobuf with the
 * hub's credentials. A fleet storm is judged against these counts (see {@code incident.Fleet}). Answers 204.
 */
@Path("/api/v1/hubs/census")
public class CensusResource {
    /** More firmware versions than any hub's collars could run at once. */
    static final int MAX_FIRMWARE_VERSIONS = 256;
    /** More collars than one hub tracks: a count above it is a bug in the hub, not a fleet. */
    static final int MAX_COLLARS = 100_000;
    private static final Logger LOG = Logger.getLogger(CensusResource.class);

    private final HubAuthenticator authenticator;
    private final HubCensusStore store;

    public CensusResource(HubAuthenticator authenticator, HubCensusStore store) {
        this.authenticator = authenticator;
        this.store = store;
    }

    @POST
    @Consumes(AlertResource.PROTOBUF)
    @Produces(MediaType.APPLICATION_JSON)
    public Response census(byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @Context HttpServerRequest request) {
        HubAuthenticator.Outcome auth = authenticator.check(authorization,
                CredentialGuard.source(request.remoteAddress()));
        Optional<String> hub = auth.hubId();
        if (hub.isEmpty()) {
            return HubRefusal.of(auth, "send its census");
        }
        HubCensus census;
        try {
            census = HubCensus.parseFrom(body == null ? new byte[0] : body);
        } catch (InvalidProtocolBufferException e) {
            throw new BadInput("body is not a petwatch.v1.HubCensus protobuf: " + e.getMessage());
        }
        if (!census.getHubId().isEmpty() && !census.getHubId().equals(hub.get())) {
            return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON)
                    .entity(new ErrorBody("census hub_id '" + census.getHubId() + "' is not the authenticated hub '"
                            + hub.get() + "'")).build();
        }
        Map<String, Integer> counts = counts(census);
        store.replace(hub.get(), census.getHubModel(), counts);
        LOG.debugf("Hub %s census: %d collar(s) on %d firmware version(s)", hub.get(),
                counts.values().stream().mapToInt(Integer::intValue).sum(), counts.size());
        return Response.noContent().build();
    }

    /** The census as firmware to collars, or a 400 naming the first entry that cannot be right. */
    static Map<String, Integer> counts(HubCensus census) {
        AlertValidator.line("hub_model", census.getHubModel(), AlertValidator.MAX_ID_LENGTH).ifPresent(p -> {
            throw new BadInput(p);
        });
        if (census.getFirmwareCount() > MAX_FIRMWARE_VERSIONS) {
            throw new BadInput("firmware: lists " + census.getFirmwareCount() + " versions, at most "
                    + MAX_FIRMWARE_VERSIONS);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        long total = 0;
        for (int i = 0; i < census.getFirmwareCount(); i++) {
            FirmwareCount entry = census.getFirmware(i);
            String at = "firmware[" + i + "]";
            AlertValidator.line(at + ".firmware", entry.getFirmware(), AlertValidator.MAX_ID_LENGTH).ifPresent(p -> {
                throw new BadInput(p);
            });
            // uint32 arrives as a signed int: a count past 2^31 reads negative.
            if (entry.getCollars() < 0 || entry.getCollars() > MAX_COLLARS) {
                throw new BadInput(at + ".collars: " + Integer.toUnsignedString(entry.getCollars())
                        + " is more collars than a hub tracks (at most " + MAX_COLLARS + ")");
            }
            if (counts.putIfAbsent(entry.getFirmware(), entry.getCollars()) != null) {
                throw new BadInput(at + ".firmware: '" + entry.getFirmware() + "' is listed twice");
            }
            total += entry.getCollars();
        }
        if (total > MAX_COLLARS) {
            throw new BadInput("firmware: counts " + total + " collars in all, more than a hub tracks (at most "
                    + MAX_COLLARS + ")");
        }
        return counts;
    }
}
