package io.petwatch.collector.customer.crm;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One validated CRM row: a customer and one of their pets (a customer with several pets has several rows, each
 * repeating the customer's fields). Customers and pets are keyed by the CRM's external ids. {@code refs} (any row of
 * the customer's may carry some) name the customer in the retailer's other systems.
 */
public record CrmRow(int line, String customerId, String firstName, String lastName, String mobile,
                     Optional<String> email, String timeZone, String preferredChannel, boolean smsConsent,
                     boolean emailConsent, Optional<String> quietHours, String petId, String petName, String species,
                     Optional<String> breed, Optional<LocalDate> birthDate, Optional<Double> weightKg,
                     Optional<String> vetClinic, Optional<String> collarId, Optional<String> hubId,
                     boolean pushConsent, Optional<String> pushToken, java.util.List<CrmRef> refs) {
}
