package io.petwatch.collector.console;

import java.time.Instant;

/** One entry of a case's audit trail: what was done, when, and why. */
public record CaseEventView(long id, long caseId, Instant at, String kind, String detail) {
}
