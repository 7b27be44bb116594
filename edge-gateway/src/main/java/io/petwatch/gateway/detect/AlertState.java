package io.petwatch.gateway.detect;

/** An episode is FIRING once detected and RESOLVED when the pet recovers. */
public enum AlertState {
    FIRING,
    RESOLVED
}
