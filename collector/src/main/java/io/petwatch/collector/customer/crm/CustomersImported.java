package io.petwatch.collector.customer.crm;

import java.util.List;

/**
 * A CDI event fired inside a CRM import's transaction once its rows are written: observers that join records to
 * customers (a signal event kept with an unknown customer) may look again in the same transaction.
 *
 * @param customerIds the customers the import wrote
 * @param refs        how many customer_refs rows it wrote
 */
public record CustomersImported(List<String> customerIds, int refs) {
    public CustomersImported {
        customerIds = List.copyOf(customerIds);
    }
}
