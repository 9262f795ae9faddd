package io.github.camelasl.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** The short text of a Choice rule an edge is labelled with: {@code $.accuracy > 0.9}, or a JSONata Condition. */
final class RuleText {

    static final int MAX = 60;

    private RuleText() {
    }

    static String of(JsonNode rule) {
        return shorten(describe(rule, 0));
    }

    static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= MAX ? flat : flat.substring(0, MAX - 1) + "…";
    }

    private static String describe(JsonNode rule, int depth) {
        if (rule == null || !rule.isObject()) {
            return "?";
        }
        if (depth > 8) { // the label is cut at 60 characters anyway
            return "…";
        }
        JsonNode condition = rule.get("Condition");
        if (condition != null) {
            String text = condition.isTextual() ? condition.asText().trim() : condition.toString();
            // the expression without JSONata's {% %} delimiters: the label has little room
            return text.startsWith("{%") && text.endsWith("%}") && text.length() >= 4
                    ? text.substring(2, text.length() - 2) : text;
        }
        for (String combiner : new String[] {"And", "Or"}) {
            JsonNode parts = rule.get(combiner);
            if (parts != null && parts.isArray()) {
                StringBuilder text = new StringBuilder();
                for (JsonNode part : parts) {
                    if (text.length() > MAX) {
                        break;
                    }
                    text.append(text.isEmpty() ? "" : " " + combiner.toLowerCase() + " ").append('(')
                            .append(describe(part, depth + 1)).append(')');
                }
                return text.toString();
            }
        }
        if (rule.has("Not")) {
            return "not (" + describe(rule.get("Not"), depth + 1) + ")";
        }
        String variable = rule.path("Variable").asText("?");
        for (Iterator<Map.Entry<String, JsonNode>> it = rule.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String operator = operator(field.getKey());
            if (operator != null) {
                return variable + " " + operator + " " + value(field.getKey(), field.getValue());
            }
        }
        return variable;
    }

    private static String value(String comparison, JsonNode value) {
        if (comparison.endsWith("Path") || !value.isTextual()) {
            return value.isTextual() ? value.asText() : value.toString();
        }
        return value.toString(); // a quoted string
    }

    /** The operator a comparison reads as, or null when the field is not a comparison. */
    private static String operator(String field) {
        String name = field.endsWith("Path") ? field.substring(0, field.length() - 4) : field;
        return switch (name) {
            case "StringEquals", "NumericEquals", "BooleanEquals", "TimestampEquals" -> "==";
            case "StringLessThan", "NumericLessThan", "TimestampLessThan" -> "<";
            case "StringGreaterThan", "NumericGreaterThan", "TimestampGreaterThan" -> ">";
            case "StringLessThanEquals", "NumericLessThanEquals", "TimestampLessThanEquals" -> "<=";
            case "StringGreaterThanEquals", "NumericGreaterThanEquals", "TimestampGreaterThanEquals" -> ">=";
            case "StringMatches" -> "matches";
            case "IsNull" -> "is null:";
            case "IsPresent" -> "is present:";
            case "IsNumeric" -> "is numeric:";
            case "IsString" -> "is string:";
            case "IsBoolean" -> "is boolean:";
            case "IsTimestamp" -> "is timestamp:";
            default -> null;
        };
    }
}
