package io.petwatch.collector.outreach;

/**
 * The provider refused a message for good (an invalid number, an unsubscribed recipient): retrying cannot help, so
 * the message is marked FAILED with the provider's reason for a person to see.
 */
public class SmsRejectedException extends RuntimeException {
    public SmsRejectedException(String message) {
        super(message);
    }
}
