package io.petwatch.collector.customer.crm;

import io.petwatch.collector.staff.StaffRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/v1/customers/export}: every customer and pet as a CSV in the import's columns, for the console's
 * download, with formula-looking cells neutralised ({@link CrmExport}).
 */
@Path("/api/v1/customers/export")
@RolesAllowed({StaffRoles.CRM, StaffRoles.SUPERVISOR})
public class CrmExportResource {
    private final CrmExport export;

    public CrmExportResource(CrmExport export) {
        this.export = export;
    }

    @GET
    @Produces("text/csv")
    public Response csv() {
        return Response.ok(export.csv()).header("Content-Disposition", "attachment; filename=\"customers.csv\"")
                .build();
    }
}
