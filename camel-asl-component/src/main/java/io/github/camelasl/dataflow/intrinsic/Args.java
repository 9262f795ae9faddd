package io.github.camelasl.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;
import java.math.BigDecimal;
import java.util.List;

/**
 * The evaluated arguments of one call, with typed accessors. A wrong type or value fails the call with
 * {@code States.IntrinsicFailure}, naming the function and the argument.
 */
final class Args {

    private final StatesFunction function;
    private final List<Expr> expressions;
    private final List<JsonNode> values;

    Args(StatesFunction function, List<Expr> expressions, List<JsonNode> values) {
        this.function = function;
        this.expressions = expressions;
        this.values = values;
    }

    int size() {
        return values.size();
    }

    JsonNode get(int index) {
        return values.get(index);
    }

    List<JsonNode> all() {
        return values;
    }

    /** The argument as written in the call, for functions that care whether it was a literal. */
    Expr expression(int index) {
        return expressions.get(index);
    }

    String text(int index, String role) {
        JsonNode value = values.get(index);
        if (!value.isTextual()) {
            throw wrongType(index, role, "a string", value);
        }
        return value.textValue();
    }

    ArrayNode array(int index, String role) {
        JsonNode value = values.get(index);
        if (!value.isArray()) {
            throw wrongType(index, role, "an array", value);
        }
        return (ArrayNode) value;
    }

    ObjectNode object(int index, String role) {
        JsonNode value = values.get(index);
        if (!value.isObject()) {
            throw wrongType(index, role, "a JSON object", value);
        }
        return (ObjectNode) value;
    }

    boolean bool(int index, String role) {
        JsonNode value = values.get(index);
        if (!value.isBoolean()) {
            throw wrongType(index, role, "a boolean", value);
        }
        return value.booleanValue();
    }

    BigDecimal number(int index, String role) {
        JsonNode value = values.get(index);
        if (!value.isNumber()) {
            throw wrongType(index, role, "a number", value);
        }
        return value.decimalValue();
    }

    /** A number with no fractional part (2 and 2.0 both qualify) that fits in a long. */
    long integer(int index, String role) {
        BigDecimal number = number(index, role);
        try {
            return number.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw wrongType(index, role, "an integer", values.get(index));
        }
    }

    /** The failure of this call: {@code States.IntrinsicFailure} with a cause naming the function. */
    AslError fail(String detail) {
        return new AslError(ErrorNames.INTRINSIC_FAILURE, "Invalid arguments in '" + function.awsName() + "': " + detail);
    }

    private AslError wrongType(int index, String role, String expected, JsonNode actual) {
        return fail("argument " + (index + 1) + " (" + role + ") must be " + expected + ", but was "
                + JsonValues.describe(actual));
    }
}
