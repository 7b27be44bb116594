package io.petwatch.collector.conversation;

import io.petwatch.collector.api.BadInput;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body, decoded by us so that a malformed one (a stray {@code %}, an
 * escape that is not hex) is a 400 naming the form rather than a decoder's exception. The first value of a repeated
 * name counts, as it always has for the webhook's signature.
 */
final class FormBody {
    private FormBody() {
    }

    /**
     * The fields by name.
     *
     * @throws BadInput when the body is not URL-encoded form data
     */
    static Map<String, String> parse(String body) {
        Map<String, String> fields = new HashMap<>();
        if (body == null || body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            fields.putIfAbsent(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return fields;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadInput("form", "is not application/x-www-form-urlencoded: " + e.getMessage());
        }
    }
}
