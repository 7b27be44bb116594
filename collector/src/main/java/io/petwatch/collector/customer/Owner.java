package io.petwatch.collector.customer;

import java.time.ZoneId;

/**
 * The customer an alert's pet (or a retail trigger) belongs to, as outreach needs them.
 *
 * @param zone where they live: a message speaks of dates in their time
 */
public record Owner(String customerId, String firstName, String lastName, String phone, int loyaltyScore,
                    ZoneId zone) {
    public Owner(String customerId, String firstName, String lastName, String phone, int loyaltyScore) {
        this(customerId, firstName, lastName, phone, loyaltyScore, ZoneId.of("UTC"));
    }
}
