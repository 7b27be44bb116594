package io.petwatch.collector.outreach;

import io.petwatch.collector.config.PetwatchConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The SMS provider's inbound webhook, in Twilio's shape: form fields (MessageSid, From, To, Body...) signed with
 * {@code X-Twilio-Signature}. A missing or wrong signature gets 403 and changes nothing.
 */
@Path("/api/v1/sms/inbound")
public class InboundSmsResource {
    private static final Logger LOG = Logger.getLogger(InboundSmsResource.class);
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final TwilioSignature signature;
    private final String webhookUrl;
    private final InboundSms inbound;
    private final MessageRelay relay;

    public InboundSmsResource(PetwatchConfig config, InboundSms inbound, MessageRelay relay) {
        this.signature = new TwilioSignature(config.sms().authToken());
        this.webhookUrl = config.sms().webhookUrl();
        this.inbound = inbound;
        this.relay = relay;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_XML)
    public Response receive(@HeaderParam("X-Twilio-Signature") String signed, MultivaluedMap<String, String> form) {
        Map<String, String> params = new HashMap<>();
        form.forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
        if (!signature.valid(webhookUrl, params, signed)) {
            LOG.warnf("Inbound SMS webhook with a %s signature refused", signed == null ? "missing" : "wrong");
            return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN)
                    .entity("invalid X-Twilio-Signature").build();
        }
        String sid = params.getOrDefault("MessageSid", "");
        String from = params.getOrDefault("From", "");
        if (sid.isBlank() || from.isBlank()) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN)
                    .entity("MessageSid and From are required").build();
        }
        InboundSms.Handled handled = inbound.receive(sid, from, params.getOrDefault("Body", ""));
        LOG.infof("Inbound SMS %s: %s", sid, handled);
        relay.nudge();
        return Response.ok(EMPTY_TWIML).build();
    }
}
