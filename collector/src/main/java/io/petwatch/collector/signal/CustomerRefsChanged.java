package io.petwatch.collector.signal;

import java.util.List;

/**
 * A CDI event for whoever writes customers and their refs (the CRM import), fired inside that transaction once the
 * rows are written: signal events kept with an unknown customer are joined again in the same transaction
 * ({@link SignalRejoin}).
 *
 * @param customerIds the customers written
 * @param refs        how many customer_refs rows were written
 */
public record CustomerRefsChanged(List<String> customerIds, int refs) {
    public CustomerRefsChanged {
        customerIds = List.copyOf(customerIds);
    }
}
