package io.petwatch.collector.outreach;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChannelPlanTest {
    @Test
    void thePreferredChannelComesFirstAndTheOtherIsTheFallback() {
        assertEquals(List.of("EMAIL", "SMS"), ChannelPlan.order("EMAIL", true, true, true));
        assertEquals(List.of("SMS", "EMAIL"), ChannelPlan.order("SMS", true, true, true));
        assertEquals(List.of("SMS", "EMAIL"), ChannelPlan.order("PUSH", true, true, true), "no app on file");
    }

    @Test
    void anOwnerWhoPrefersTheAppIsPushedFirstThenTextedThenEmailed() {
        assertEquals(List.of("PUSH", "SMS", "EMAIL"), ChannelPlan.order("PUSH", true, true, true, true, true));
        assertEquals(List.of("SMS", "EMAIL", "PUSH"), ChannelPlan.order("SMS", true, true, true, true, true));
        assertEquals(List.of("SMS"), ChannelPlan.order("PUSH", true, false, true, true, false), "no device token");
        assertEquals(List.of("SMS"), ChannelPlan.order("PUSH", true, false, true, false, true), "push not consented");
    }

    @Test
    void onlyConsentedChannelsWithAnAddressAreUsed() {
        assertEquals(List.of("EMAIL"), ChannelPlan.order("SMS", false, true, true));
        assertEquals(List.of("SMS"), ChannelPlan.order("EMAIL", true, true, false), "no email address on file");
        assertEquals(List.of("SMS"), ChannelPlan.order("EMAIL", true, false, true));
        assertEquals(List.of(), ChannelPlan.order("SMS", false, false, true));
    }

    @Test
    void aFailedChannelFallsBackToTheNextOnly() {
        assertEquals(Optional.of("SMS"), ChannelPlan.after(List.of("EMAIL", "SMS"), "EMAIL"));
        assertEquals(Optional.empty(), ChannelPlan.after(List.of("EMAIL", "SMS"), "SMS"));
        assertEquals(Optional.of("SMS"), ChannelPlan.after(List.of("SMS"), "EMAIL"), "consent withdrawn from email");
        assertEquals(Optional.empty(), ChannelPlan.after(List.of(), "SMS"));
    }
}
