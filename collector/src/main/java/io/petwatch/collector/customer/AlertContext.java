package io.petwatch.collector.customer;

/** Who an alert is about: the pet on the collar and its owner. */
public record AlertContext(Owner owner, Pet pet) {
}
