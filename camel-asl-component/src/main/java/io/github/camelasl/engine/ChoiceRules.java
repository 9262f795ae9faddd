package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Bindings;
import io.github.camelasl.dataflow.JsonPaths;
import io.github.camelasl.dataflow.Memo;
import io.github.camelasl.model.ChoiceRule;
import java.time.Instant;

/**
 * Evaluates JSONPath-dialect Choice rules. A comparison whose value has the wrong type is false, as in AWS;
 * a Variable that selects nothing is false for IsPresent and a runtime error for the other operators.
 */
public final class ChoiceRules {

    private ChoiceRules() {
    }

    public static boolean matches(ChoiceRule rule, JsonNode data, Bindings context) {
        if (rule instanceof ChoiceRule.And and) {
            return and.rules().stream().allMatch(r -> matches(r, data, context));
        }
        if (rule instanceof ChoiceRule.Or or) {
            return or.rules().stream().anyMatch(r -> matches(r, data, context));
        }
        if (rule instanceof ChoiceRule.Not not) {
            return !matches(not.rule(), data, context);
        }
        if (rule instanceof ChoiceRule.Comparison c) {
            return compare(c, data, context);
        }
        return ((ChoiceRule.Condition) rule).condition().asBoolean(false);
    }

    private static boolean compare(ChoiceRule.Comparison c, JsonNode data, Bindings context) {
        JsonNode variable;
        try {
            variable = JsonPaths.read(c.variable(), data, context);
        } catch (JsonPaths.NotFound e) {
            if (c.operator().equals("IsPresent")) {
                return !c.value().asBoolean();
            }
            throw AslError.runtime("Invalid path '" + c.variable() + "': The choice state's condition path "
                    + "references an invalid value.");
        }
        String operator = c.operator();
        JsonNode expected = c.value();
        if (c.valueIsPath()) {
            operator = BASE_OPERATOR.get(operator);
            try {
                expected = JsonPaths.read(expected.asText(), data, context);
            } catch (JsonPaths.NotFound e) {
                throw AslError.runtime("Invalid path '" + c.value().asText() + "': The choice state's condition "
                        + "path references an invalid value.");
            }
        }
        return switch (operator) {
            case "IsPresent" -> c.value().asBoolean();
            case "IsNull" -> variable.isNull() == expected.asBoolean();
            case "IsNumeric" -> variable.isNumber() == expected.asBoolean();
            case "IsString" -> variable.isTextual() == expected.asBoolean();
            case "IsBoolean" -> variable.isBoolean() == expected.asBoolean();
            case "IsTimestamp" -> (variable.isTextual() && timestamp(variable) != null) == expected.asBoolean();
            case "StringEquals" -> strings(variable, expected) && variable.textValue().equals(expected.textValue());
            case "StringLessThan" -> strings(variable, expected) && compareStrings(variable, expected) < 0;
            case "StringGreaterThan" -> strings(variable, expected) && compareStrings(variable, expected) > 0;
            case "StringLessThanEquals" -> strings(variable, expected) && compareStrings(variable, expected) <= 0;
            case "StringGreaterThanEquals" -> strings(variable, expected) && compareStrings(variable, expected) >= 0;
            case "StringMatches" -> strings(variable, expected) && wildcard(variable.textValue(), expected.textValue());
            case "NumericEquals" -> numbers(variable, expected) && compareNumbers(variable, expected) == 0;
            case "NumericLessThan" -> numbers(variable, expected) && compareNumbers(variable, expected) < 0;
            case "NumericGreaterThan" -> numbers(variable, expected) && compareNumbers(variable, expected) > 0;
            case "NumericLessThanEquals" -> numbers(variable, expected) && compareNumbers(variable, expected) <= 0;
            case "NumericGreaterThanEquals" -> numbers(variable, expected) && compareNumbers(variable, expected) >= 0;
            case "BooleanEquals" -> variable.isBoolean() && expected.isBoolean()
                    && variable.booleanValue() == expected.booleanValue();
            case "TimestampEquals" -> compareTimestamps(variable, expected) == 0;
            case "TimestampLessThan" -> compareTimestamps(variable, expected) == -1;
            case "TimestampGreaterThan" -> compareTimestamps(variable, expected) == 1;
            case "TimestampLessThanEquals" -> in(compareTimestamps(variable, expected), -1, 0);
            case "TimestampGreaterThanEquals" -> in(compareTimestamps(variable, expected), 1, 0);
            default -> throw AslError.runtime("Unsupported choice operator '" + c.operator() + "'");
        };
    }

    private static boolean in(int value, int a, int b) {
        return value == a || value == b;
    }

    private static boolean strings(JsonNode a, JsonNode b) {
        return a.isTextual() && b.isTextual();
    }

    private static int compareStrings(JsonNode a, JsonNode b) {
        return a.textValue().compareTo(b.textValue());
    }

    private static boolean numbers(JsonNode a, JsonNode b) {
        return a.isNumber() && b.isNumber();
    }

    private static int compareNumbers(JsonNode a, JsonNode b) {
        if (a.canConvertToExactIntegral() && b.canConvertToExactIntegral() && a.canConvertToLong()
                && b.canConvertToLong()) {
            return Long.compare(a.longValue(), b.longValue()); // the common case, without BigDecimal
        }
        return a.decimalValue().compareTo(b.decimalValue());
    }

    /** "NumericLessThanPath" -> "NumericLessThan", kept rather than cut on every evaluation. */
    private static final Memo<String, String> BASE_OPERATOR = new Memo<>(
            o -> o.substring(0, o.length() - "Path".length()));

    /** -1, 0 or 1; 2 when either side is not a timestamp (every comparison is then false). */
    private static int compareTimestamps(JsonNode a, JsonNode b) {
        Instant x = a.isTextual() ? timestamp(a) : null;
        Instant y = b.isTextual() ? timestamp(b) : null;
        if (x == null || y == null) {
            return 2;
        }
        return Integer.signum(x.compareTo(y));
    }

    private static Instant timestamp(JsonNode node) {
        return WaitStep.parseTimestamp(node.textValue());
    }

    /**
     * StringMatches: '*' matches any run of characters; '\*' and '\\' are a literal star and backslash. A glob,
     * not a regex: matched with two pointers, going back only to the last star, so the cost is at most the text's
     * length times the pattern's, whatever the data (a backtracking regex took minutes on "*a*a*a*a*b").
     */
    static boolean wildcard(String text, String pattern) {
        char[] literal = new char[pattern.length()];
        boolean[] star = new boolean[pattern.length()];
        int length = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                literal[length++] = pattern.charAt(++i);
            } else if (c == '*') {
                star[length++] = true;
            } else {
                literal[length++] = c;
            }
        }
        int t = 0;
        int p = 0;
        int lastStar = -1;
        int starMatchedUpTo = 0;
        while (t < text.length()) {
            if (p < length && !star[p] && literal[p] == text.charAt(t)) {
                p++;
                t++;
            } else if (p < length && star[p]) {
                lastStar = p++;
                starMatchedUpTo = t; // the star matches nothing so far
            } else if (lastStar >= 0) {
                p = lastStar + 1; // the last star takes one more character
                t = ++starMatchedUpTo;
            } else {
                return false;
            }
        }
        while (p < length && star[p]) {
            p++;
        }
        return p == length;
    }
}
