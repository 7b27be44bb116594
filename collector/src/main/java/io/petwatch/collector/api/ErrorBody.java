package io.petwatch.collector.api;

/** The JSON body of every 4xx answer: one sentence saying what was wrong. */
public record ErrorBody(String error) {
}
