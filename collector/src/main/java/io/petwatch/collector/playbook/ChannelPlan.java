package io.petwatch.collector.playbook;

import java.util.ArrayList;
import java.util.List;

/**
 * Which channels an owner may be reached on, in the order to try them: their preferred channel first, then the
 * others, keeping only those they consented to and have an address for. One message per step goes to the first;
 * the next is used only when the first fails for good. Push has no provider yet and is never chosen.
 */
public final class ChannelPlan {
    public static final String SMS = "SMS";
    public static final String EMAIL = "EMAIL";

    private ChannelPlan() {
    }

    public static List<String> order(String preferred, boolean smsConsent, boolean emailConsent, boolean hasEmail) {
        List<String> order = new ArrayList<>();
        if (preferred.equals(EMAIL)) {
            order.add(EMAIL);
            order.add(SMS);
        } else {
            order.add(SMS);
            order.add(EMAIL);
        }
        order.removeIf(c -> c.equals(SMS) ? !smsConsent : !(emailConsent && hasEmail));
        return List.copyOf(order);
    }

    /**
     * The channel to try after {@code failed}: the next in the plan, or, when {@code failed} is no longer in the plan
     * (its consent was withdrawn), the plan's first.
     */
    public static java.util.Optional<String> after(List<String> plan, String failed) {
        int at = plan.indexOf(failed);
        if (at < 0) {
            return plan.stream().findFirst();
        }
        return at + 1 < plan.size() ? java.util.Optional.of(plan.get(at + 1)) : java.util.Optional.empty();
    }
}
