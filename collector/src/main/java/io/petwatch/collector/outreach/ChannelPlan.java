package io.petwatch.collector.outreach;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which channels an owner may be reached on, in the order to try them: their preferred channel first, then the
 * others, keeping only those they consented to and have an address for. One message per step goes to the first;
 * the next is used only when the first fails for good. Push needs the app's device token.
 */
public final class ChannelPlan {
    public static final String SMS = "SMS";
    public static final String EMAIL = "EMAIL";
    public static final String PUSH = "PUSH";

    private ChannelPlan() {
    }

    public static List<String> order(String preferred, boolean smsConsent, boolean emailConsent, boolean hasEmail) {
        return order(preferred, smsConsent, emailConsent, hasEmail, false, false);
    }

    /** The preferred channel first, then SMS, email and push in that order, each only if consented and addressable. */
    public static List<String> order(String preferred, boolean smsConsent, boolean emailConsent, boolean hasEmail,
                                     boolean pushConsent, boolean hasPushToken) {
        List<String> order = new ArrayList<>(List.of(SMS, EMAIL, PUSH));
        if (order.remove(preferred)) {
            order.add(0, preferred);
        }
        order.removeIf(c -> switch (c) {
            case SMS -> !smsConsent;
            case EMAIL -> !(emailConsent && hasEmail);
            default -> !(pushConsent && hasPushToken);
        });
        return List.copyOf(order);
    }

    /** The owner's address on a channel: their mobile number, email address or app device token. */
    public static String recipient(String channel, String phone, Optional<String> email, Optional<String> pushToken) {
        return switch (channel) {
            case SMS -> phone;
            case EMAIL -> email.orElseThrow(() -> new IllegalStateException("no email address for the EMAIL channel"));
            case PUSH -> pushToken.orElseThrow(() -> new IllegalStateException("no device token for the PUSH channel"));
            default -> throw new IllegalArgumentException("unknown channel " + channel);
        };
    }

    /**
     * The channel to try after {@code failed}: the next in the plan, or, when {@code failed} is no longer in the plan
     * (its consent was withdrawn), the plan's first.
     */
    public static Optional<String> after(List<String> plan, String failed) {
        int at = plan.indexOf(failed);
        if (at < 0) {
            return plan.stream().findFirst();
        }
        return at + 1 < plan.size() ? Optional.of(plan.get(at + 1)) : Optional.empty();
    }
}
