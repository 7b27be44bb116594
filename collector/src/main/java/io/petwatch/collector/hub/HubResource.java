package io.petwatch.collector.hub;

import io.petwatch.collector.api.ErrorBody;
import io.petwatch.collector.api.InputText;
import io.petwatch.collector.staff.StaffRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Hub provisioning for operators and the CRM sync: {@code POST /api/v1/hubs {"hubId", "customerId"}} registers a hub
 * and answers its token once; {@code POST /api/v1/hubs/{id}/pair} pairs it again with a new token (the old one stops
 * working); {@code POST /api/v1/hubs/{id}/revoke} stops it; {@code GET /api/v1/hubs} lists hubs without tokens.
 */
@Path("/api/v1/hubs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({StaffRoles.OPERATOR, StaffRoles.CRM})
public class HubResource {
    private static final Logger LOG = Logger.getLogger(HubResource.class);

    /** As long as the CRM import lets a customer id be. */
    static final int MAX_CUSTOMER_ID_LENGTH = 64;

    private final HubRegistry registry;

    public HubResource(HubRegistry registry) {
        this.registry = registry;
    }

    /** A new hub, optionally already its owner's. */
    public record Registration(String hubId, String customerId) {
    }

    @GET
    public Response list() {
        return Response.ok(registry.list()).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(Registration registration, @Context SecurityContext security) {
        if (registration == null || registration.hubId() == null) {
            return error(Response.Status.BAD_REQUEST, "a JSON body with hubId is required");
        }
        String hubId = registration.hubId().trim();
        if (registration.customerId() != null) {
            InputText.require("customerId", registration.customerId(), MAX_CUSTOMER_ID_LENGTH, InputText.Kind.LINE);
        }
        HubRegistry.Result<HubRegistry.IssuedToken> result = registry.register(hubId,
                Optional.ofNullable(registration.customerId()).map(String::trim).filter(c -> !c.isEmpty()));
        if (result.value().isPresent()) {
            LOG.infof("Hub %s registered by %s", hubId, security.getUserPrincipal().getName());
            return Response.status(Response.Status.CREATED).entity(result.value().get()).build();
        }
        return refusal(hubId, result.refusal().orElseThrow(), registration.customerId());
    }

    @POST
    @Path("{id}/pair")
    public Response pairAgain(@PathParam("id") String hubId, @Context SecurityContext security) {
        HubRegistry.Result<HubRegistry.IssuedToken> result = registry.pairAgain(hubId);
        if (result.value().isPresent()) {
            LOG.infof("Hub %s paired again by %s: its old token no longer works", hubId,
                    security.getUserPrincipal().getName());
            return Response.ok(result.value().get()).build();
        }
        return refusal(hubId, result.refusal().orElseThrow(), null);
    }

    @POST
    @Path("{id}/revoke")
    public Response revoke(@PathParam("id") String hubId, @Context SecurityContext security) {
        HubRegistry.Result<String> result = registry.revoke(hubId);
        if (result.value().isPresent()) {
            LOG.infof("Hub %s revoked by %s", hubId, security.getUserPrincipal().getName());
            return Response.ok(Map.of("hubId", hubId, "revoked", true)).build();
        }
        return refusal(hubId, result.refusal().orElseThrow(), null);
    }

    private static Response refusal(String id, HubRegistry.Refusal why, String customer) {
        // Echoed ids are made printable: a refused id may hold anything.
        String hubId = InputText.printable(id, 80);
        String customerId = InputText.printable(String.valueOf(customer), 80);
        return switch (why) {
            case INVALID_ID -> error(Response.Status.BAD_REQUEST, "hubId '" + hubId + "' must be 1 to 64 letters,"
                    + " digits, '.', '_' or '-', starting with a letter or digit");
            case UNKNOWN_CUSTOMER -> error(Response.Status.BAD_REQUEST, "customer '" + customerId
                    + "' is not known: import the customer first");
            case ALREADY_REGISTERED -> error(Response.Status.CONFLICT, "hub '" + hubId + "' is already registered;"
                    + " POST /api/v1/hubs/" + hubId + "/pair gives it a new token");
            case NO_SUCH_HUB -> error(Response.Status.NOT_FOUND, "no hub '" + hubId + "'");
            case ALREADY_REVOKED -> error(Response.Status.CONFLICT, "hub '" + hubId + "' is already revoked");
        };
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(message)).build();
    }
}
