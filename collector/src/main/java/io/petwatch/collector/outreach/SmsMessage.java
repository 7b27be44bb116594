package io.petwatch.collector.outreach;

/** A text to one owner about one case. */
public record SmsMessage(long caseId, String customerId, String to, String template, String body) {
}
