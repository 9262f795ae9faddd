package io.github.camelasl.dataflow.jsonata;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSON type a field needs its JSONata result to have, e.g. {@code Items} an array. A result of another type fails
 * with AWS's "returned an unexpected result type. Expected 'array', but was 'object' for value: {...}".
 */
public enum ExpectedType {
    /** Any defined value, JSON null included. */
    ANY("any"),
    ARRAY("array"),
    OBJECT("object"),
    STRING("string"),
    NUMBER("number"),
    /** A number without a fractional part (MaxConcurrency, TimeoutSeconds, ...); AWS's wording for it is not recorded. */
    INTEGER("integer"),
    BOOLEAN("boolean");

    private final String awsName;

    ExpectedType(String awsName) {
        this.awsName = awsName;
    }

    /** The type's name in AWS's messages. */
    public String awsName() {
        return awsName;
    }

    /** Whether the value has this type. */
    public boolean matches(JsonNode value) {
        return switch (this) {
            case ANY -> true;
            case ARRAY -> value.isArray();
            case OBJECT -> value.isObject();
            case STRING -> value.isTextual();
            case NUMBER -> value.isNumber();
            case INTEGER -> value.isIntegralNumber()
                    || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
            case BOOLEAN -> value.isBoolean();
        };
    }

    /** The JSON type name of a value as AWS's messages print it: null, boolean, number, string, array or object. */
    static String typeOf(JsonNode value) {
        return switch (value.getNodeType()) {
            case NULL, MISSING -> "null";
            case BOOLEAN -> "boolean";
            case NUMBER -> "number";
            case STRING -> "string";
            case ARRAY -> "array";
            case OBJECT -> "object";
            default -> "unknown";
        };
    }
}
