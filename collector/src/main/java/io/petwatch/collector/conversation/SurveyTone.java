package io.petwatch.collector.conversation;

/** How a customer's free-text survey answer reads: what the survey.unhappy trigger asks of the comment. */
public enum SurveyTone {
    /** Unhappy or let down overall, a lukewarm "meh" included: service recovery may be owed. */
    NEGATIVE,
    /** No opinion (a fact, a question, "ok"), or a complaint followed or balanced by praise. */
    NEUTRAL,
    /** Satisfied overall. */
    POSITIVE
}
