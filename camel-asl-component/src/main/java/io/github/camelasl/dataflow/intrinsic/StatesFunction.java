package io.github.camelasl.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/** The 18 intrinsic functions of the Amazon States Language: name, how many arguments each takes, and its body. */
enum StatesFunction {
    FORMAT("States.Format", 1, Integer.MAX_VALUE, StringFunctions::format),
    STRING_TO_JSON("States.StringToJson", 1, 1, JsonFunctions::stringToJson),
    JSON_TO_STRING("States.JsonToString", 1, 1, JsonFunctions::jsonToString),
    ARRAY("States.Array", 0, Integer.MAX_VALUE, ArrayFunctions::array),
    ARRAY_PARTITION("States.ArrayPartition", 2, 2, ArrayFunctions::arrayPartition),
    ARRAY_CONTAINS("States.ArrayContains", 2, 2, ArrayFunctions::arrayContains),
    ARRAY_RANGE("States.ArrayRange", 3, 3, ArrayFunctions::arrayRange),
    ARRAY_GET_ITEM("States.ArrayGetItem", 2, 2, ArrayFunctions::arrayGetItem),
    ARRAY_LENGTH("States.ArrayLength", 1, 1, ArrayFunctions::arrayLength),
    ARRAY_UNIQUE("States.ArrayUnique", 1, 1, ArrayFunctions::arrayUnique),
    BASE64_ENCODE("States.Base64Encode", 1, 1, EncodingFunctions::base64Encode),
    BASE64_DECODE("States.Base64Decode", 1, 1, EncodingFunctions::base64Decode),
    HASH("States.Hash", 2, 2, EncodingFunctions::hash),
    JSON_MERGE("States.JsonMerge", 3, 3, JsonFunctions::jsonMerge),
    MATH_RANDOM("States.MathRandom", 2, 3, MathFunctions::mathRandom),
    MATH_ADD("States.MathAdd", 2, 2, MathFunctions::mathAdd),
    STRING_SPLIT("States.StringSplit", 2, 2, StringFunctions::stringSplit),
    UUID("States.UUID", 0, 0, StringFunctions::uuid);

    /** The body of a function: gets the evaluated arguments, returns the result or throws an AslError. */
    @FunctionalInterface
    interface Body {
        JsonNode apply(Args args);
    }

    private static final Map<String, StatesFunction> BY_NAME = new HashMap<>();

    static {
        for (StatesFunction function : values()) {
            BY_NAME.put(function.awsName, function);
        }
    }

    private final String awsName;
    private final int minArguments;
    private final int maxArguments;
    private final Body body;

    StatesFunction(String awsName, int minArguments, int maxArguments, Body body) {
        this.awsName = awsName;
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
        this.body = body;
    }

    /** The function for a full name such as {@code States.Format}, or null. Names are case-sensitive, as in AWS. */
    static StatesFunction byName(String name) {
        return BY_NAME.get(name);
    }

    String awsName() {
        return awsName;
    }

    JsonNode apply(Args args) {
        return body.apply(args);
    }

    /** Null when {@code count} arguments suit this function, otherwise why not. */
    String arityProblem(int count) {
        if (count >= minArguments && count <= maxArguments) {
            return null;
        }
        String expected;
        if (maxArguments == Integer.MAX_VALUE) {
            expected = "at least " + plural(minArguments);
        } else if (minArguments == maxArguments) {
            expected = plural(minArguments);
        } else {
            expected = minArguments + " to " + plural(maxArguments);
        }
        return "The function '" + awsName + "' takes " + expected + ", but " + count
                + (count == 1 ? " was" : " were") + " given";
    }

    private static String plural(int n) {
        return n + (n == 1 ? " argument" : " arguments");
    }
}
