package io.petwatch.collector.outreach;

import java.util.Optional;

/**
 * What the SMS, email or push provider said: sent with its reference, or failed with a reason; {@code permanent}
 * when the provider refused the message for good (retrying cannot help).
 */
public record SendReceipt(boolean sent, Optional<String> providerRef, Optional<String> error, boolean permanent) {
    public static SendReceipt sent(String providerRef) {
        return new SendReceipt(true, Optional.of(providerRef), Optional.empty(), false);
    }

    public static SendReceipt failed(String error) {
        return new SendReceipt(false, Optional.empty(), Optional.of(error), false);
    }

    public static SendReceipt rejected(String error) {
        return new SendReceipt(false, Optional.empty(), Optional.of(error), true);
    }
}
