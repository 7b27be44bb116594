package io.petwatch.collector.outreach;

import java.util.Optional;

/**
 * What the SMS provider said: sent with its reference, or failed with a reason; {@code permanent} when the provider
 * refused the message for good (retrying cannot help).
 */
public record SmsReceipt(boolean sent, Optional<String> providerRef, Optional<String> error, boolean permanent) {
    public static SmsReceipt sent(String providerRef) {
        return new SmsReceipt(true, Optional.of(providerRef), Optional.empty(), false);
    }

    public static SmsReceipt failed(String error) {
        return new SmsReceipt(false, Optional.empty(), Optional.of(error), false);
    }

    public static SmsReceipt rejected(String error) {
        return new SmsReceipt(false, Optional.empty(), Optional.of(error), true);
    }
}
