package io.petwatch.collector.testing;

import io.petwatch.collector.outreach.CredentialsRejectedException;
import io.petwatch.collector.outreach.RecordingSmsSender;
import io.petwatch.collector.outreach.OutboundMessage;
import io.petwatch.collector.outreach.SmsSender;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** The recording sender, which a test can make fail like a provider that is down or refuses our credentials. */
@Alternative
@Priority(1)
@Singleton
public class FlakySmsSender implements SmsSender {
    private final RecordingSmsSender recording = new RecordingSmsSender();
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicBoolean badCredentials = new AtomicBoolean();
    private final AtomicReference<Consumer<OutboundMessage>> probe = new AtomicReference<>(m -> { });

    /** Shown every text at the moment it is handed over, until {@link #unwatch()}: a test checks rules there. */
    public void watch(Consumer<OutboundMessage> seen) {
        probe.set(seen);
    }

    public void unwatch() {
        probe.set(m -> { });
    }

    public void down(boolean isDown) {
        down.set(isDown);
    }

    /** Answers like Twilio with a wrong account SID or auth token (HTTP 401), until set back. */
    public void rejectCredentials(boolean reject) {
        badCredentials.set(reject);
    }

    /** The texts handed over so far, oldest first (the newest 10,000). */
    public java.util.List<OutboundMessage> sent() {
        return recording.sent();
    }

    @Override
    public String send(OutboundMessage message) {
        if (badCredentials.get()) {
            throw new CredentialsRejectedException("Twilio answered HTTP 401 (code 20003: Authenticate)");
        }
        if (down.get()) {
            throw new IllegalStateException("provider unavailable (HTTP 503)");
        }
        probe.get().accept(message);
        return recording.send(message);
    }
}
