package io.petwatch.collector.outreach;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The default {@link SmsSender} (demo, tests): logs each message and keeps the newest {@value #KEPT} in memory, so a
 * long-running demo does not grow without bound; nothing leaves.
 */
public class RecordingSmsSender implements SmsSender {
    private static final Logger LOG = Logger.getLogger(RecordingSmsSender.class);
    static final int KEPT = 10_000;

    private final Deque<OutboundMessage> sent = new ArrayDeque<>();
    private final AtomicLong sequence = new AtomicLong();

    @Override
    public synchronized String send(OutboundMessage message) {
        if (sent.size() == KEPT) {
            sent.removeFirst();
        }
        sent.addLast(message);
        String ref = "recorded-" + sequence.incrementAndGet();
        LOG.infof("SMS %s to %s for case %s (%d chars, template %s)", ref, message.to(), message.caseId().map(String::valueOf).orElse("-"),
                message.body().length(), message.template());
        return ref;
    }

    public synchronized List<OutboundMessage> sent() {
        return List.copyOf(sent);
    }
}
