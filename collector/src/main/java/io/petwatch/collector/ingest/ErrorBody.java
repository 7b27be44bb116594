package io.petwatch.collector.ingest;

/** The JSON body of every 4xx answer: one sentence saying what was wrong. */
public record ErrorBody(String error) {
}
