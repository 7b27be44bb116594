package io.petwatch.gateway.detect;

/** What a rule sees of its collar when it judges an hour boundary. */
interface Context {
    String hubId();

    String collarId();

    HourRing ring();

    LocalCalendar calendar();

    /**
     * Today's baseline: learned once per local day from the baseline days that end one lethargy window before
     * today's midnight, so a developing episode is never part of the pet's normal.
     */
    Baseline baseline();

    /** Hub wall clock now, for the alerts' raised-at. */
    long raisedAtMs();
}
