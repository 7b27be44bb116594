package io.petwatch.collector.customer.crm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.petwatch.collector.api.BadInput;
import io.petwatch.collector.api.InputText;
import io.petwatch.collector.staff.StaffRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/v1/customers/import} with a CSV ({@code text/csv}) or JSON ({@code application/json}) CRM export:
 * 200 with what was written (and the numbers customers share, and any collar moved); 400 for a file that cannot be
 * read (an unknown column, bytes not in its encoding); 422 listing every rejected row and why; 409 when it would
 * move a collar from another customer's pet without {@code ?move_collars=true}. Nothing is written unless all of it
 * can be.
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

    /** The answer when the file would move collars between customers and was not asked to. */
    public record MovesRefused(String error, List<CrmImport.CollarMove> collarsMoved) {
    }

    /**
     * Imports a CRM export.
     *
     * @param charset      the file's encoding when it has no byte-order mark and the Content-Type says none
     *                     (default UTF-8)
     * @param moveCollars  {@code true} to let the import move collars from one customer's pet to another's
     */
    @POST
    @Consumes({"text/csv", MediaType.APPLICATION_JSON})
    public Response importFile(@HeaderParam("Content-Type") String type, @QueryParam("charset") String charset,
                               @QueryParam("move_collars") @DefaultValue("false") String moveCollars, byte[] body) {
        boolean move = switch (moveCollars.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0", "" -> false;
            default -> throw new BadInput("move_collars", "must be true or false, was '"
                    + InputText.printable(moveCollars, 20) + "'");
        };
        List<CrmParser.RawRow> raw;
        try {
            String text = CrmFile.decode(body == null ? new byte[0] : body,
                    Optional.ofNullable(charset).or(() -> declaredCharset(type)));
            raw = type != null && type.startsWith("text/csv") ? CrmParser.csv(text) : CrmParser.json(text, mapper);
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage());
        }
        Optional<String> unknown = CrmColumns.unknown(raw);
        if (unknown.isPresent()) {
            throw new BadInput(unknown.get());
        }
        CrmValidator.Result result = CrmValidator.validate(raw, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC),
                store.knownHubs());
        if (!result.ok()) {
            return Response.status(422).entity(new Refused(result.rejected().size() + " of " + raw.size()
                    + " rows rejected; nothing was imported", result.rejected())).build();
        }
        List<CrmImport.CollarMove> moves = store.collarMoves(result.rows());
        if (!moves.isEmpty() && !move) {
            return Response.status(409).entity(new MovesRefused(moves.size() + " collar(s) are linked to another"
                    + " customer's pet; nothing was imported. If they really changed hands, import again with"
                    + " ?move_collars=true", moves)).build();
        }
        return Response.ok(store.write(result.rows(), moves)).build();
    }

    private static Optional<String> declaredCharset(String type) {
        if (type == null) {
            return Optional.empty();
        }
        for (String part : type.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                return Optional.of(p.substring(8).replace("\"", ""));
            }
        }
        return Optional.empty();
    }
}
