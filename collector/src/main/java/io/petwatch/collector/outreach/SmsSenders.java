package io.petwatch.collector.outreach;

import io.petwatch.collector.config.PetwatchConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import org.jboss.logging.Logger;

/** Picks the SMS provider adapter from configuration: {@code twilio}, or {@code recording} (dev, tests, demo). */
@ApplicationScoped
public class SmsSenders {
    private static final Logger LOG = Logger.getLogger(SmsSenders.class);

    @Produces
    @DefaultBean
    @Singleton
    SmsSender sender(PetwatchConfig config) {
        PetwatchConfig.Sms sms = config.sms();
        switch (sms.provider()) {
            case "twilio" -> {
                LOG.infof("SMS through Twilio at %s from %s", sms.twilio().baseUrl(), sms.twilio().from().orElse("?"));
                return new TwilioSmsSender(URI.create(sms.twilio().baseUrl()), sms.twilio().accountSid().orElse(""),
                        sms.authToken(), sms.twilio().from().orElse(""), sms.twilio().timeout());
            }
            case "recording" -> {
                LOG.info("SMS are recorded, not sent (petwatch.sms.provider=recording)");
                return new RecordingSmsSender();
            }
            default -> throw new IllegalArgumentException("petwatch.sms.provider must be recording or twilio, was '"
                    + sms.provider() + "'");
        }
    }
}
