package io.github.camelasl.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Helpers over JSON values shared by the functions: value equality, number nodes, and text renderings. */
final class JsonValues {

    private static final int DESCRIBE_LIMIT = 100;

    private JsonValues() {
    }

    /**
     * Equality by value, as AWS compares: numbers by numeric value (1 equals 1.0), objects regardless of key order,
     * arrays element by element.
     */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.getNodeType() != b.getNodeType()) {
            return false;
        }
        if (a.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> field : a.properties()) {
                JsonNode other = b.get(field.getKey());
                if (other == null || !sameValue(field.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /**
     * A text key that is equal for two values exactly when {@link #sameValue} holds: numbers normalised, object keys
     * sorted. Lets ArrayUnique use a hash set instead of comparing every pair.
     */
    static String canonicalKey(JsonNode node) {
        StringBuilder out = new StringBuilder();
        appendCanonical(node, out);
        return out.toString();
    }

    private static void appendCanonical(JsonNode node, StringBuilder out) {
        if (node.isNumber()) {
            BigDecimal number = node.decimalValue();
            // the stripped number's own text, exponent and all: plain text would write out 1e100000000's zeros
            out.append(number.signum() == 0 ? "0" : number.stripTrailingZeros().toString());
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                appendCanonical(node.get(i), out);
            }
            out.append(']');
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(Json.write(Json.NODES.textNode(names.get(i)))).append(':');
                appendCanonical(node.get(names.get(i)), out);
            }
            out.append('}');
        } else {
            out.append(Json.write(node));
        }
    }

    /** The smallest integer node that holds {@code value}, so results print as 3, never 3.0. */
    static JsonNode integerNode(long value) {
        if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            return Json.NODES.numberNode((int) value);
        }
        return Json.NODES.numberNode(value);
    }

    /** An integer node for a literal or computed integer of any size. */
    static JsonNode integerNode(BigInteger value) {
        if (value.bitLength() < 64) {
            return integerNode(value.longValue());
        }
        return Json.NODES.numberNode(value);
    }

    /**
     * How States.Format prints a value into its template. Strings go in as they are; objects and arrays print the
     * way AWS's Java implementation prints maps and lists: {@code {Arg1=1, Arg2=[]}}, {@code [a, b]}, with strings
     * inside unquoted. Numbers, booleans and null print as JSON text.
     */
    static String formatText(JsonNode node) {
        StringBuilder out = new StringBuilder();
        appendFormatText(node, out);
        return out.toString();
    }

    private static void appendFormatText(JsonNode node, StringBuilder out) {
        if (node.isTextual()) {
            out.append(node.textValue());
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                appendFormatText(node.get(i), out);
            }
            out.append(']');
        } else if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                out.append(field.getKey()).append('=');
                appendFormatText(field.getValue(), out);
            }
            out.append('}');
        } else {
            out.append(Json.write(node));
        }
    }

    /** A short description of a value for error causes: its JSON type and (truncated) JSON text. */
    static String describe(JsonNode node) {
        String text = Json.write(node);
        if (text.length() > DESCRIBE_LIMIT) {
            text = text.substring(0, DESCRIBE_LIMIT) + "...";
        }
        String type = switch (node.getNodeType()) {
            case STRING -> "the string";
            case NUMBER -> "the number";
            case BOOLEAN -> "the boolean";
            case ARRAY -> "the array";
            case OBJECT -> "the object";
            case NULL -> "";
            default -> "the value";
        };
        return type.isEmpty() ? text : type + " " + text;
    }
}
