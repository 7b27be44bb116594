package io.petwatch.collector.outreach;

import java.util.Optional;

/** What the SMS provider said: sent with its reference, or failed with a reason. */
public record SmsReceipt(boolean sent, Optional<String> providerRef, Optional<String> error) {
    public static SmsReceipt sent(String providerRef) {
        return new SmsReceipt(true, Optional.of(providerRef), Optional.empty());
    }

    public static SmsReceipt failed(String error) {
        return new SmsReceipt(false, Optional.empty(), Optional.of(error));
    }
}
