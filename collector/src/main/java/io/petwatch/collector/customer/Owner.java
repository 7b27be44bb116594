package io.petwatch.collector.customer;

/** The customer an alert's pet belongs to, as outreach needs them. */
public record Owner(String customerId, String firstName, String lastName, String phone, int loyaltyScore) {
}
