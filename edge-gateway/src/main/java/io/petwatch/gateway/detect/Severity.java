package io.petwatch.gateway.detect;

/** How urgent an alert is; mirrors petwatch.v1.Severity. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH
}
