package io.petwatch.collector.conversation;

import io.petwatch.collector.outreach.MessageRelay;
import io.petwatch.collector.outreach.TwilioSignature;
import io.petwatch.collector.api.BadInput;
import io.petwatch.collector.api.InputText;
import io.petwatch.collector.config.PetwatchConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The SMS provider's inbound webhook, in Twilio's shape: form fields (MessageSid, From, To, Body...) signed with
 * {@code X-Twilio-Signature}. A missing or wrong signature gets 403 and changes nothing.
 *
 * <p>A body that is not form data at all is a 400 before the signature is checked: the signature is computed over
 * the decoded fields, so there is nothing to verify. Fields that decode but may not be stored (a control character
 * in MessageSid or From, say) are a 400 naming the field only after the signature holds, so an unsigned sender
 * learns nothing but 403.
 */
@Path("/api/v1/sms/inbound")
public class InboundSmsResource {
    private static final Logger LOG = Logger.getLogger(InboundSmsResource.class);
    /** Twilio's message SIDs are 34 characters; phone numbers in E.164 at most 16. */
    static final int MAX_ID_LENGTH = 64;
    /** Twilio joins long texts into one Body of at most 1,600 characters. */
    static final int MAX_BODY_LENGTH = 1600;
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
    public Response receive(@HeaderParam("X-Twilio-Signature") String signed, String form) {
        Map<String, String> params = FormBody.parse(form);
        if (!signature.valid(webhookUrl, params, signed)) {
            LOG.warnf("Inbound SMS webhook with a %s signature refused", signed == null ? "missing" : "wrong");
            return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN)
                    .entity("invalid X-Twilio-Signature").build();
        }
        String sid = InputText.require("MessageSid", params.getOrDefault("MessageSid", ""), MAX_ID_LENGTH,
                InputText.Kind.LINE);
        String from = InputText.require("From", params.getOrDefault("From", ""), MAX_ID_LENGTH, InputText.Kind.LINE);
        String body = InputText.require("Body", params.getOrDefault("Body", ""), MAX_BODY_LENGTH, InputText.Kind.TEXT);
        if (sid.isBlank() || from.isBlank()) {
            throw new BadInput(sid.isBlank() ? "MessageSid" : "From", "is required");
        }
        InboundSms.Handled handled = inbound.receive(sid, from, body);
        LOG.infof("Inbound SMS %s: %s", sid, handled);
        relay.nudge();
        return Response.ok(EMPTY_TWIML).build();
    }
}
