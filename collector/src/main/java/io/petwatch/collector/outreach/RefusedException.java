package io.petwatch.collector.outreach;

/**
 * The provider refused a message for good (an invalid number, an unknown mailbox, a stale device token): retrying
 * cannot help, so the message is marked FAILED with the provider's reason for a person to see.
 */
public class RefusedException extends RuntimeException {
    public RefusedException(String message) {
        super(message);
    }
}
