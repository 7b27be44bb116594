package io.petwatch.collector.signal.webhook;

import io.petwatch.collector.api.ErrorBody;
import io.petwatch.collector.signal.IntakeResult;
import io.petwatch.collector.signal.SignalConfig;
import io.petwatch.collector.signal.SignalIntake;
import io.petwatch.collector.signal.SignatureCheck;
import io.petwatch.collector.signal.Via;
import io.petwatch.collector.signal.carrier.EasyPostEvents;
import io.petwatch.collector.signal.carrier.EasyPostSignature;
import io.petwatch.collector.signal.stripe.StripeEvents;
import io.petwatch.collector.signal.stripe.StripeSignature;
import io.petwatch.collector.signal.survey.TypeformResponses;
import io.petwatch.collector.signal.survey.TypeformSignature;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * The sources' signed webhooks: {@code POST /webhooks/stripe}, {@code /webhooks/easypost} and
 * {@code /webhooks/survey}. Unauthenticated but for the signature, which is checked on the raw bytes before anything
 * is read: a missing or wrong one is 401 with the reason, a Stripe timestamp outside the tolerance 400, and nothing
 * is stored. A verified event goes to {@link SignalIntake}: 200 {@code stored}, 200 {@code already stored} for a
 * re-delivery or replay of the same event id (so the source stops retrying), 200 {@code ignored} for an event type
 * PetWatch does not use, 400 naming the field for a body that is not the source's event.
 */
@Path("/webhooks")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {
    private static final Logger LOG = Logger.getLogger(WebhookResource.class);

    private final SignalIntake intake;
    private final StripeSignature stripe;
    private final EasyPostSignature easypost;
    private final TypeformSignature survey;

    public WebhookResource(SignalIntake intake, SignalConfig config, Clock clock) {
        this.intake = intake;
        this.stripe = new StripeSignature(config.stripe().webhookSecret(), config.stripe().tolerance(), clock);
        this.easypost = new EasyPostSignature(config.easypost().webhookSecret());
        this.survey = new TypeformSignature(config.survey().webhookSecret());
    }

    @POST
    @Path("stripe")
    public Response stripe(@HeaderParam(StripeSignature.HEADER) String signature, byte[] body) {
        return receive(StripeEvents.SOURCE, signature, body, stripe::verify);
    }

    @POST
    @Path("easypost")
    public Response easypost(@HeaderParam(EasyPostSignature.HEADER) String signature, byte[] body) {
        return receive(EasyPostEvents.SOURCE, signature, body, easypost::verify);
    }

    @POST
    @Path("survey")
    public Response survey(@HeaderParam(TypeformSignature.HEADER) String signature, byte[] body) {
        return receive(TypeformResponses.SOURCE, signature, body, survey::verify);
    }

    private Response receive(String source, String signature, byte[] body,
                             BiFunction<byte[], Optional<String>, SignatureCheck> verifier) {
        byte[] bytes = body == null ? new byte[0] : body;
        SignatureCheck check = verifier.apply(bytes, Optional.ofNullable(signature));
        if (!check.isValid()) {
            LOG.warnf("%s webhook refused: %s", source, check.reason());
            int status = check.result() == SignatureCheck.Result.STALE ? 400 : 401;
            return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(check.reason()))
                    .build();
        }
        IntakeResult result = intake.accept(source, bytes, Via.WEBHOOK);
        return Response.ok(answer(result)).build();
    }

    /** The 200 answer: what was done, and for a stored event, its row and join. */
    static Map<String, Object> answer(IntakeResult result) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", switch (result.outcome()) {
            case STORED -> "stored";
            case ALREADY_STORED -> "already stored";
            case IGNORED -> "ignored";
        });
        answer.put("source", result.source());
        answer.put("event_id", result.eventId());
        result.id().ifPresent(id -> answer.put("signal_event_id", id));
        result.customerId().ifPresent(c -> answer.put("customer_id", c));
        result.reason().ifPresent(r -> answer.put(result.outcome() == IntakeResult.Outcome.STORED
                ? "unmatched_reason" : "reason", r));
        return answer;
    }
}
