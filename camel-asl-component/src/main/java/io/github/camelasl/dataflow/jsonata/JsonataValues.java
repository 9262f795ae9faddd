package io.github.camelasl.dataflow.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Converts between Jackson trees and the Java values the JSONata library works on.
 *
 * <p>JSONata has one number type (IEEE double). The library represents integral numbers as Integer/Long and others as
 * Double, so the conversion does the same: {@code 1}, {@code 1.0} and {@code 1e0} all become Integer 1, and results
 * print as {@code 1}, never {@code 1.0}, as AWS prints them. JSON null is the library's {@link Jsonata#NULL_VALUE}
 * (inside arrays a Java null would read as "no item"); Java null is JSONata's undefined.
 */
final class JsonataValues {

    private static final double LONG_LIMIT = 0x1p63;

    private JsonataValues() {
    }

    /** The library's value for a JSON value: views for containers, boxed scalars, NULL_VALUE for null. */
    static Object toJsonata(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        switch (node.getNodeType()) {
            case OBJECT:
                return new NodeViews.ObjectView((ObjectNode) node);
            case ARRAY:
                return new NodeViews.ArrayView((ArrayNode) node);
            case STRING:
                return node.textValue();
            case BOOLEAN:
                return node.booleanValue();
            case NULL:
                return Jsonata.NULL_VALUE;
            case NUMBER:
                return number(node);
            default:
                return node.asText();
        }
    }

    private static Object number(JsonNode node) {
        if (node.isInt() || node.isShort()) {
            return node.intValue();
        }
        if (node.isLong()) {
            return integer(node.longValue());
        }
        if (node.isBigInteger()) {
            BigInteger value = node.bigIntegerValue();
            return value.bitLength() < 64 ? integer(value.longValue()) : (Object) value.doubleValue();
        }
        // decimals: JSONata reads every number as a double, so 1.0 is the integer 1 and 0.1 the double 0.1
        return normalise(node.doubleValue());
    }

    /** A double as the library keeps numbers: Integer or Long when integral, else Double. */
    static Object normalise(double value) {
        if (value == Math.rint(value) && Math.abs(value) < LONG_LIMIT) {
            return integer((long) value);
        }
        return value;
    }

    private static Object integer(long value) {
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (Object) (int) value : (Object) value;
    }

    /** Thrown for a result JSON cannot hold: a function, a regular expression, a number out of range. */
    static final class UnsupportedValue extends RuntimeException {
        UnsupportedValue(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The JSON value of a (defined) library result. Inside arrays and objects a Java null is JSON null, as the
     * library leaves undefined out of the containers it builds.
     *
     * @throws UnsupportedValue for functions and other values without a JSON form
     */
    static JsonNode toJson(Object value) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            return Json.NODES.nullNode();
        }
        if (value instanceof NodeViews.ObjectView view) {
            return copyWithJsonataNumbers(view.node);
        }
        if (value instanceof NodeViews.ArrayView view) {
            return copyWithJsonataNumbers(view.node);
        }
        if (value instanceof CharSequence || value instanceof Character) {
            return Json.NODES.textNode(value.toString());
        }
        if (value instanceof Boolean bool) {
            return Json.NODES.booleanNode(bool);
        }
        if (value instanceof Number number) {
            return numberNode(number);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode out = Json.NODES.objectNode();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.set(String.valueOf(entry.getKey()), toJson(entry.getValue()));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            ArrayNode out = Json.NODES.arrayNode(list.size());
            for (Object item : list) {
                out.add(toJson(item));
            }
            return out;
        }
        throw new UnsupportedValue("a " + value.getClass().getSimpleName() + " has no JSON form");
    }

    /**
     * A copy of a container an expression returned as it was given, its numbers written as JSONata holds them: the
     * input keeps each number's text ({@code 1.0}, {@code 1e2}), but JSONata reads numbers as doubles, so a result
     * writes {@code 1} and {@code 100}, whether the number is returned alone or inside an object or array. A number
     * no double holds (1e400) is kept as written rather than lost.
     */
    private static JsonNode copyWithJsonataNumbers(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT: {
                ObjectNode out = Json.NODES.objectNode();
                node.fields().forEachRemaining(field -> out.set(field.getKey(), copyWithJsonataNumbers(field.getValue())));
                return out;
            }
            case ARRAY: {
                ArrayNode out = Json.NODES.arrayNode(node.size());
                for (JsonNode item : node) {
                    out.add(copyWithJsonataNumbers(item));
                }
                return out;
            }
            case NUMBER: {
                if (node.isIntegralNumber() && !node.isBigInteger()) {
                    return node; // ints and longs are written the same either way
                }
                Object number = number(node);
                return number instanceof Double d && (d.isNaN() || d.isInfinite()) ? node : numberNode((Number) number);
            }
            default:
                return node; // text, booleans and null are immutable
        }
    }

    /** A number node: integral values as integers (1, not 1.0), others as exact decimals of the double's text. */
    static JsonNode numberNode(Number number) {
        if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return Json.NODES.numberNode(number.intValue());
        }
        if (number instanceof Long longValue) {
            return integerNode(longValue);
        }
        if (number instanceof BigInteger big) {
            return big.bitLength() < 64 ? integerNode(big.longValue()) : Json.NODES.numberNode(big);
        }
        if (number instanceof BigDecimal decimal) {
            return decimalNode(decimal);
        }
        double value = number.doubleValue();
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new UnsupportedValue("the number " + value + " is out of range");
        }
        if (value == Math.rint(value) && Math.abs(value) < LONG_LIMIT) {
            return integerNode((long) value);
        }
        String text = JsNumbers.toJsString(value);
        if (value != Math.rint(value) && text.indexOf('e') >= 0) {
            return Json.decimalWrittenAs(text); // 1e-7 as JavaScript writes it, not BigDecimal's 1E-7
        }
        return decimalNode(new BigDecimal(text));
    }

    private static JsonNode decimalNode(BigDecimal decimal) {
        if (decimal.signum() == 0) {
            return Json.NODES.numberNode(0);
        }
        BigDecimal stripped = decimal.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            BigInteger integral = stripped.toBigIntegerExact();
            return integral.bitLength() < 64 ? integerNode(integral.longValue()) : Json.NODES.numberNode(integral);
        }
        return Json.NODES.numberNode(stripped);
    }

    private static JsonNode integerNode(long value) {
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE
                ? Json.NODES.numberNode((int) value)
                : Json.NODES.numberNode(value);
    }
}
