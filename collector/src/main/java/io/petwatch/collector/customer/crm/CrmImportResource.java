package io.petwatch.collector.customer.crm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.petwatch.collector.api.BadInput;
import io.petwatch.collector.staff.StaffRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code POST /api/v1/customers/import} with a CSV ({@code text/csv}) or JSON ({@code application/json}) CRM export:
 * 200 with what was written, or 422 listing every rejected row and why, with nothing written.
 */
@Path("/api/v1/customers/import")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(StaffRoles.CRM)
public class CrmImportResource {
    private final CrmImport store;
    private final ObjectMapper mapper;
    private final Clock clock;

    public CrmImportResource(CrmImport store, ObjectMapper mapper, Clock clock) {
        this.store = store;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The answer when the file cannot be imported. */
    public record Refused(String error, List<CrmValidator.Rejected> rejected) {
    }

    @POST
    @Consumes({"text/csv", MediaType.APPLICATION_JSON})
    public Response importFile(@HeaderParam("Content-Type") String type, String body) {
        List<CrmParser.RawRow> raw;
        try {
            raw = type != null && type.startsWith("text/csv") ? CrmParser.csv(body) : CrmParser.json(body, mapper);
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage());
        }
        CrmValidator.Result result = CrmValidator.validate(raw, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC),
                store.knownHubs());
        if (!result.ok()) {
            return Response.status(422).entity(new Refused(result.rejected().size() + " of " + raw.size()
                    + " rows rejected; nothing was imported", result.rejected())).build();
        }
        return Response.ok(store.write(result.rows())).build();
    }
}
