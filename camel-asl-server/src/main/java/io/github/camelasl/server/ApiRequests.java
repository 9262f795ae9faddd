package io.github.camelasl.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.engine.AslError;
import java.util.Locale;

/** Reading the members of an API request, with AWS's errors for what is missing or wrong. */
final class ApiRequests {

    private ApiRequests() {
    }

    /** The text of a member, or null when it is absent; a member that is not text is a ValidationException. */
    static String optionalText(JsonNode request, String member) {
        JsonNode value = request.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw validation(member, "must be a string, but was " + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return value.textValue();
    }

    static String requiredText(JsonNode request, String member) {
        String text = optionalText(request, member);
        if (text == null || text.isEmpty()) {
            throw validation(member, "Member must not be null");
        }
        return text;
    }

    /** AWS's wording: "1 validation error detected: Value at 'member' failed to satisfy constraint: ...". */
    static AslError validation(String member, String constraint) {
        return new AslError("ValidationException", "1 validation error detected: Value at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }
}
