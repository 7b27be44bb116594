package io.petwatch.collector.conversation;

/**
 * What an owner's text back means for their case. The classifier decides among the last five; the first three are
 * the carriers' keywords, read before any classification.
 */
public enum ReplyKind {
    /** Opt out of texts (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT and the like). */
    STOP,
    /** Opt back in (START, UNSTOP; YES from an owner who had opted out). */
    START,
    /** The pet is fine, recovering, or there is a harmless reason: the escalation timer stops. */
    REASSURED,
    /** The pet is unwell or worse, or the owner is frightened: an agent takes the case now. */
    WORRIED,
    /** The owner asks for a person, a call, or what to do (HELP, INFO): an agent takes the case now. */
    HELP,
    /** The owner has booked or is taking the pet to a vet, or asks for the booking link: the timer stops. */
    BOOKING,
    /** Nothing about the pet can be read from it: an agent looks at it, and the timer keeps running. */
    UNCLEAR;

    /** Whether a person must look at the case because of this reply. */
    public boolean needsAgent() {
        return this == WORRIED || this == HELP || this == UNCLEAR;
    }

    /** Whether the case goes to the agents' queue at once rather than when the owner's time is up. */
    public boolean escalatesNow() {
        return this == WORRIED || this == HELP;
    }

    /** Whether the reply answers the question "is your pet OK?" well enough to stop the escalation timer. */
    public boolean stopsTimer() {
        return this == REASSURED || this == BOOKING;
    }
}
