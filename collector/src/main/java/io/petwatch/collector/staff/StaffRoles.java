package io.petwatch.collector.staff;

/**
 * The roles support staff sign in with. Role names are what {@code quarkus.security.users.embedded.roles.*} lists
 * for each user; one user may hold several.
 */
public final class StaffRoles {
    /** Works the agent queue: reads cases, records outcomes, grants credits up to the cap. */
    public static final String AGENT = "agent";
    /** Everything an agent does, and approves or declines credits above the cap. */
    public static final String SUPERVISOR = "supervisor";
    /** Engineering on call: releases or discards outreach held by fleet incidents; registers and revokes hubs. */
    public static final String OPERATOR = "operator";
    /** The CRM sync: imports customer records and registers the hubs customers receive. */
    public static final String CRM = "crm";

    private StaffRoles() {
    }
}
