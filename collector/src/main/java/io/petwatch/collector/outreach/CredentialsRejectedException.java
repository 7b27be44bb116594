package io.petwatch.collector.outreach;

/**
 * The provider rejected our credentials (HTTP 401/403, SMTP 530/534/535): no message on that channel can leave until
 * an operator fixes them, so the channel goes DOWN and its messages stay QUEUED rather than failing one by one.
 */
public class CredentialsRejectedException extends RuntimeException {
    public CredentialsRejectedException(String message) {
        super(message);
    }
}
