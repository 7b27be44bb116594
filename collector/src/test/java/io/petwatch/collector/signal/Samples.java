package io.petwatch.collector.signal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The real-shaped sample events under src/test/resources/signals, as bytes, optionally edited. */
public final class Samples {
    public static final String STRIPE_PAYMENT_FAILED = "stripe-invoice-payment-failed.json";
    public static final String STRIPE_SUBSCRIPTION_UPDATED = "stripe-subscription-updated.json";
    public static final String EASYPOST_TRACKER_UPDATED = "easypost-tracker-updated.json";
    public static final String TYPEFORM_RESPONSE = "typeform-form-response.json";

    private Samples() {
    }

    public static String text(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/signals/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no sample /signals/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String name) {
        return text(name).getBytes(StandardCharsets.UTF_8);
    }

    /** The sample with one literal piece of text replaced (an id, a value), as bytes. */
    public static byte[] with(String name, String from, String to) {
        String text = text(name);
        if (!text.contains(from)) {
            throw new IllegalArgumentException(name + " does not contain " + from);
        }
        return text.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }
}
