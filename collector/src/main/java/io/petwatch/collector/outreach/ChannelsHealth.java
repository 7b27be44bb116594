package io.petwatch.collector.outreach;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * {@code outreach-channels} in {@code /q/health/well} (the wellness group): DOWN while a provider rejects our
 * credentials, naming the channel and why. Not a readiness check: an instance that cannot text can still store alerts,
 * and every instance shares the same credentials, so taking it out of the load balancer would only stop ingest too.
 */
@Wellness
@ApplicationScoped
public class ChannelsHealth implements HealthCheck {
    private final ChannelStatus channels;

    public ChannelsHealth(ChannelStatus channels) {
        this.channels = channels;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outreach-channels").up();
        for (ChannelStatus.State s : channels.lastKnown()) {
            response.withData(s.channel(), s.up() ? "UP" : "DOWN since " + s.since() + ": " + s.reason().orElse(""));
            if (!s.up()) {
                response.down();
            }
        }
        return response.build();
    }
}
