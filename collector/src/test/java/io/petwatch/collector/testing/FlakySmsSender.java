package io.petwatch.collector.testing;

import io.petwatch.collector.outreach.RecordingSmsSender;
import io.petwatch.collector.outreach.OutboundMessage;
import io.petwatch.collector.outreach.SmsSender;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;

/** The recording sender, which a test can make fail like a provider that is down. */
@Alternative
@Priority(1)
@Singleton
public class FlakySmsSender implements SmsSender {
    private final RecordingSmsSender recording = new RecordingSmsSender();
    private final AtomicBoolean down = new AtomicBoolean();

    public void down(boolean isDown) {
        down.set(isDown);
    }

    @Override
    public String send(OutboundMessage message) {
        if (down.get()) {
            throw new IllegalStateException("provider unavailable (HTTP 503)");
        }
        return recording.send(message);
    }
}
