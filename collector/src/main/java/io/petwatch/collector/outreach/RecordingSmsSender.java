package io.petwatch.collector.outreach;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/** The default {@link SmsSender} (demo, tests): keeps each message in memory and logs it; nothing leaves. */
public class RecordingSmsSender implements SmsSender {
    private static final Logger LOG = Logger.getLogger(RecordingSmsSender.class);

    private final List<SmsMessage> sent = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    @Override
    public synchronized String send(SmsMessage message) {
        sent.add(message);
        String ref = "recorded-" + sequence.incrementAndGet();
        LOG.infof("SMS %s to %s for case %s (%d chars, template %s)", ref, message.to(), message.caseId().map(String::valueOf).orElse("-"),
                message.body().length(), message.template());
        return ref;
    }

    public synchronized List<SmsMessage> sent() {
        return List.copyOf(sent);
    }
}
