package io.github.camelasl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.model.QueryLanguage;
import io.github.camelasl.validation.Schema.Field;
import io.github.camelasl.validation.Schema.Kind;
import io.github.camelasl.validation.Schema.Lang;
import io.github.camelasl.validation.Schema.ObjectSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shape rules: required fields, unknown fields, fields of the other query language, and JSON types. */
final class StructureRules {

    private static final List<String> QUERY_LANGUAGES = List.of("JSONPath", "JSONata");

    private StructureRules() {
    }

    /**
     * Checks {@code node} (an object) against {@code schema}.
     *
     * @param language           the query language in force, deciding which language-specific fields are allowed
     * @param reportOtherLanguage false when the object's language is itself in error (a downgraded state): AWS
     *                           then reports only the downgrade
     * @return the fields that are allowed here and well typed, for the rules that read their values
     */
    static Map<String, JsonNode> checkObject(JsonNode node, String pointer, ObjectSchema schema,
            QueryLanguage language, boolean reportOtherLanguage, Problems problems) {
        List<String> missing = new ArrayList<>();
        for (String name : schema.required()) {
            if (!node.has(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            problems.schema(Problems.required(missing), Locations.of(pointer));
        }
        Map<String, JsonNode> accepted = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            Field field = schema.field(name);
            if (field == null) {
                problems.schema(Problems.notSupported(name), Locations.of(pointer));
            } else if (!allowedIn(field, language)) {
                if (reportOtherLanguage) {
                    String fieldLanguage = field.lang() == Lang.JSONATA ? "JSONata" : "JSONPath";
                    problems.schema(Problems.otherLanguage(language.name(), name, fieldLanguage),
                            Locations.of(pointer));
                }
            } else if (!hasKind(entry.getValue(), field, language)) {
                problems.schema(Problems.expectedType(field.kind()), Locations.field(pointer, name));
            } else {
                accepted.put(name, entry.getValue());
            }
        });
        return accepted;
    }

    static boolean allowedIn(Field field, QueryLanguage language) {
        return switch (field.lang()) {
            case BOTH -> true;
            case JSONPATH -> language == QueryLanguage.JSONPath;
            case JSONATA -> language == QueryLanguage.JSONata;
        };
    }

    /** True when {@code value} has the field's JSON type, or is a JSONata string where one may stand in. */
    static boolean hasKind(JsonNode value, Field field, QueryLanguage language) {
        if (field.expression() && language == QueryLanguage.JSONata && value.isTextual()
                && Jsonata.looksLike(value.asText())) {
            return true;
        }
        return hasKind(value, field.kind());
    }

    static boolean hasKind(JsonNode value, Kind kind) {
        return switch (kind) {
            case STRING -> value.isTextual();
            case NULLABLE_STRING -> value.isTextual() || value.isNull();
            // 3.0 is an integer too: what matters is the value, not how it was written.
            case INTEGER -> value.isIntegralNumber()
                    || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
            case NUMBER -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
            case OBJECT -> value.isObject();
            case ARRAY -> value.isArray();
            case ANY -> true;
        };
    }

    /**
     * Checks a QueryLanguage field's value and returns the language it selects. As AWS does, only the exact
     * text "JSONPath" selects JSONPath; any other value present selects JSONata (and is reported if invalid).
     */
    static QueryLanguage queryLanguage(JsonNode owner, String pointer, QueryLanguage inherited, Problems problems) {
        JsonNode value = owner.get("QueryLanguage");
        if (value == null) {
            return inherited;
        }
        String location = Locations.field(pointer, "QueryLanguage");
        if (!value.isTextual()) {
            problems.schema(Problems.expectedType(Kind.STRING), location);
        } else if (!QUERY_LANGUAGES.contains(value.asText())) {
            problems.schema(Problems.oneOf(QUERY_LANGUAGES), location);
        }
        return "JSONPath".equals(value.asText(null)) ? QueryLanguage.JSONPath : QueryLanguage.JSONata;
    }

    /** Checks an enumerated string field already known to be a string. */
    static void checkEnum(Map<String, JsonNode> fields, String name, List<String> values, String pointer,
            Problems problems) {
        JsonNode value = fields.get(name);
        if (value != null && !values.contains(value.asText())) {
            problems.schema(Problems.oneOf(values), Locations.field(pointer, name));
        }
    }

    /** A number field within [minimum, maximum] (maximum null: unbounded). */
    static void checkRange(Map<String, JsonNode> fields, String name, BigDecimal minimum, BigDecimal maximum,
            String pointer, Problems problems) {
        JsonNode value = fields.get(name);
        if (value == null || !value.isNumber()) {
            return;
        }
        BigDecimal number = value.decimalValue();
        String location = Locations.field(pointer, name);
        if (number.compareTo(minimum) < 0) {
            problems.schema(Problems.atLeast(name, minimum.toPlainString()), location);
        } else if (maximum != null && number.compareTo(maximum) > 0) {
            problems.schema(Problems.atMost(name, maximum.toPlainString()), location);
        }
    }
}
