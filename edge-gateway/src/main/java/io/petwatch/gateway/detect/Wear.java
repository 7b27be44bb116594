package io.petwatch.gateway.detect;

/** What the collar said about being worn during a minute. */
public enum Wear {
    UNKNOWN,
    WORN,
    OFF_BODY,
    CHARGING;

    /** Whether the minute may count as the pet's own activity. UNKNOWN counts until non-wear inference exists. */
    public boolean mayBeWorn() {
        return this == WORN || this == UNKNOWN;
    }
}
