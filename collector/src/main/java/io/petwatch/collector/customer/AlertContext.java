package io.petwatch.collector.customer;

import java.util.Optional;

/**
 * Who an alert is about: the pet on the collar and its owner; for a retail trigger (a payment, a parcel, a survey
 * answer) the customer alone, with no pet.
 */
public record AlertContext(Owner owner, Optional<Pet> pet) {
    public AlertContext(Owner owner, Pet pet) {
        this(owner, Optional.of(pet));
    }

    /** A customer with no pet to speak of. */
    public static AlertContext ownerOnly(Owner owner) {
        return new AlertContext(owner, Optional.empty());
    }
}
