package io.petwatch.collector.signal.survey;

import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.petwatch.collector.api.BadInput;
import io.petwatch.collector.signal.EventJson;
import io.petwatch.collector.signal.Parsed;
import io.petwatch.collector.signal.Signal;
import io.petwatch.collector.signal.SignalEvent;
import io.petwatch.collector.signal.SignalEvent.CustomerRef;
import io.petwatch.collector.signal.SourceParser;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A post-delivery survey answered in Typeform, as its {@code form_response} webhook sends it, as a SURVEY signal
 * about the response ({@code form_response.token}). Hidden fields carry {@code customer_id} and the
 * {@code tracking_code} the survey asks about. The score is the answer to the field with ref {@code score}, else the
 * first opinion_scale, nps, rating or number field, on the scale its definition gives (opinion_scale: 0..steps-1, or
 * 1..steps with start_at_one; rating: 1..steps; number: its min_value..max_value; 0..10 when unsaid); the comment is
 * field ref {@code comment}, else the first long_text; "did it arrive?" is field ref {@code arrived}, else the first
 * yes_no.
 */
@ApplicationScoped
public class TypeformResponses implements SourceParser {
    public static final String SOURCE = "survey";
    static final String FORM_RESPONSE = "form_response";
    private static final Set<String> SCORE_FIELDS = Set.of("opinion_scale", "nps", "rating", "number");

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public Parsed parse(byte[] body) {
        EventJson root = EventJson.read(body);
        String id = root.get("event_id").text();
        String type = root.get("event_type").text();
        if (!type.equals(FORM_RESPONSE)) {
            return new Parsed.Ignored(id, type, "Typeform event " + type + " is not stored; PetWatch stores "
                    + FORM_RESPONSE);
        }
        EventJson response = root.get(FORM_RESPONSE).object();
        String token = response.get("token").text();
        EventJson hidden = response.get("hidden");
        Map<String, EventJson> definitions = new HashMap<>();
        for (EventJson field : response.get("definition").get("fields").items()) {
            field.get("id").optionalText().ifPresent(fieldId -> definitions.put(fieldId, field));
        }
        List<EventJson> answers = response.get("answers").items();
        ObjectNode facts = EventJson.facts();
        Optional<EventJson> score = answer(answers, "score", SCORE_FIELDS);
        score.ifPresent(a -> {
            double value = a.get("number").optionalNumber()
                    .orElseThrow(() -> new BadInput(a.get("number").path(), "is required: the score"));
            if (value == Math.rint(value)) {
                facts.put("score", (long) value);
            } else {
                facts.put("score", value);
            }
            long[] scale = scale(a.get("field").get("type").text(),
                    Optional.ofNullable(definitions.get(a.get("field").get("id").optionalText().orElse(""))));
            facts.put("scale_min", scale[0]);
            facts.put("scale_max", scale[1]);
        });
        answer(answers, "comment", Set.of("long_text"))
                .flatMap(a -> a.get("text").optionalFreeText()).ifPresent(t -> facts.put("comment", t));
        hidden.get("tracking_code").optionalText().ifPresent(c -> facts.put("tracking_code", c));
        answer(answers, "arrived", Set.of("yes_no")).ifPresent(a -> facts.put("arrived", a.get("boolean")
                .optionalBoolean().orElseThrow(() -> new BadInput(a.get("boolean").path(), "is required: yes or no"))));
        if (!facts.has("score") && !facts.has("comment") && !facts.has("arrived")) {
            throw new BadInput(response.get("answers").path(), "holds no score (opinion_scale, nps, rating or number),"
                    + " comment (long_text) or did-it-arrive (yes_no) answer");
        }
        return new Parsed.Stored(new SignalEvent(SOURCE, id, type, Signal.SURVEY, token,
                response.get("submitted_at").time(), facts, refs(hidden, answers)));
    }

    /** The answer to the field with this ref, else the first to a field of one of these types. */
    private static Optional<EventJson> answer(List<EventJson> answers, String ref, Set<String> types) {
        Optional<EventJson> byRef = answers.stream()
                .filter(a -> a.get("field").get("ref").optionalText().filter(ref::equals).isPresent()).findFirst();
        return byRef.or(() -> answers.stream()
                .filter(a -> a.get("field").get("type").optionalText().filter(types::contains).isPresent())
                .findFirst());
    }

    /** The lowest and highest score the field allows. */
    static long[] scale(String type, Optional<EventJson> definition) {
        EventJson properties = definition.map(d -> d.get("properties"))
                .orElseGet(() -> new EventJson(MissingNode.getInstance(), "form_response.definition"));
        return switch (type) {
            case "opinion_scale" -> {
                long min = properties.get("start_at_one").optionalBoolean().orElse(false) ? 1 : 0;
                yield new long[] {min, min + properties.get("steps").optionalLong().orElse(11L) - 1};
            }
            case "rating" -> new long[] {1, properties.get("steps").optionalLong().orElse(5L)};
            case "number" -> {
                EventJson validations = definition.map(d -> d.get("validations")).orElse(properties);
                yield new long[] {validations.get("min_value").optionalLong().orElse(0L),
                        validations.get("max_value").optionalLong().orElse(10L)};
            }
            default -> new long[] {0, 10};
        };
    }

    private static List<CustomerRef> refs(EventJson hidden, List<EventJson> answers) {
        List<CustomerRef> refs = new ArrayList<>();
        hidden.get("customer_id").optionalText().ifPresent(c -> refs.add(new CustomerRef(CustomerRef.CUSTOMER, c,
                "no customer " + c + " (hidden field customer_id)")));
        hidden.get("email").optionalText()
                .or(() -> answers.stream().filter(a -> a.get("type").optionalText().filter("email"::equals).isPresent())
                        .findFirst().flatMap(a -> a.get("email").optionalText()))
                .ifPresent(e -> refs.add(new CustomerRef("survey", e, "no customer has survey respondent " + e)));
        hidden.get("tracking_code").optionalText().ifPresent(c -> refs.add(new CustomerRef("parcel", c,
                "no customer has parcel " + c)));
        return refs;
    }
}
