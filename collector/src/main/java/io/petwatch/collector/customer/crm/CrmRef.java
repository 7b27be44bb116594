package io.petwatch.collector.customer.crm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How another of the retailer's systems names the customer (a customer_refs row): the CRM's {@code refs} column
 * holds them as {@code system:id} pairs separated by {@code ;}, e.g. {@code stripe:cus_Q1a2;parcel:EZ1000000001}.
 * Systems: stripe (a Stripe customer id), parcel (a tracking code), survey (a survey respondent id or email).
 */
public record CrmRef(String system, String externalId) {
    static final Set<String> SYSTEMS = Set.of("stripe", "parcel", "survey");

    /** The refs of a cell, adding a reason to {@code why} for each that is not {@code system:id}. */
    static List<CrmRef> parse(String cell, List<String> why) {
        List<CrmRef> refs = new ArrayList<>();
        for (String part : cell.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int colon = p.indexOf(':');
            String system = colon < 0 ? "" : p.substring(0, colon).trim();
            String id = colon < 0 ? "" : p.substring(colon + 1).trim();
            if (!SYSTEMS.contains(system) || id.isEmpty()) {
                why.add("refs: '" + p + "' is not system:id with system stripe, parcel or survey"
                        + " (e.g. stripe:cus_Q1a2;parcel:EZ1000000001)");
            } else {
                refs.add(new CrmRef(system, id));
            }
        }
        return List.copyOf(refs);
    }
}
