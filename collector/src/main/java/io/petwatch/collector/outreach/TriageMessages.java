package io.petwatch.collector.outreach;

import io.petwatch.collector.config.PetwatchConfig;
import io.petwatch.collector.customer.AlertContext;
import io.petwatch.collector.playbook.TriagePolicy;
import io.petwatch.collector.playbook.TriageRequest;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Renders the owner-facing texts from their templates (src/main/resources/templates/sms). */
@ApplicationScoped
public class TriageMessages {
    private final Template lethargy;
    private final PetwatchConfig config;

    public TriageMessages(@Location("sms/vet-triage-lethargy.txt") Template lethargy, PetwatchConfig config) {
        this.lethargy = lethargy;
        this.config = config;
    }

    public String render(String template, TriageRequest request, AlertContext context, long caseId) {
        if (!TriagePolicy.LETHARGY_TEMPLATE.equals(template)) {
            throw new IllegalArgumentException("no SMS template named " + template);
        }
        return lethargy
                .data("firstName", context.owner().firstName())
                .data("petName", context.pet().name())
                .data("possessive", context.pet().possessive())
                .data("cat", "cat".equals(context.pet().species()))
                .data("hours", request.windowHours())
                .data("percent", Math.round(request.activityRatio() * 100))
                .data("bookingUrl", bookingUrl(context, caseId))
                .render()
                .strip();
    }

    private String bookingUrl(AlertContext context, long caseId) {
        return config.triage().bookingUrl() + "?pet=" + URLEncoder.encode(context.pet().petId(), StandardCharsets.UTF_8)
                + "&case=" + caseId;
    }
}
