package io.github.camelasl.validation;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The shape of every object an ASL definition is made of, as data: which fields each state type and each
 * nested object (Retry entry, Catch entry, item processor, ...) allows, the JSON type of each, which query
 * language may use it, and which fields are required.
 */
final class Schema {

    /** The JSON type a field must have. NULLABLE_STRING is a path field, where JSON null means "discard". */
    enum Kind { STRING, NULLABLE_STRING, INTEGER, NUMBER, BOOLEAN, OBJECT, ARRAY, ANY }

    /** Which query language a field belongs to. */
    enum Lang { BOTH, JSONPATH, JSONATA }

    /**
     * One field.
     *
     * @param expression true when a JSONata state may give a {@code {% ... %}} string instead of a value of
     *                   {@code kind}
     */
    record Field(String name, Kind kind, Lang lang, boolean expression) {
    }

    /** An object's fields in the order AWS lists them, and those that must be present. */
    record ObjectSchema(Map<String, Field> fields, List<String> required) {
        Field field(String name) {
            return fields.get(name);
        }
    }

    static final List<String> STATE_TYPES =
            List.of("Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map");

    private Schema() {
    }

    // ---- field groups shared by several state types ----

    private static final Field[] BASE = {
        f("Type", Kind.STRING), f("Comment", Kind.STRING), f("QueryLanguage", Kind.STRING)};
    private static final Field[] TRANSITION = {f("Next", Kind.STRING), f("End", Kind.BOOLEAN)};
    private static final Field[] INPUT_OUTPUT = {path("InputPath"), path("OutputPath")};
    private static final Field[] ASSIGN_OUTPUT = {
        f("Assign", Kind.OBJECT), new Field("Output", Kind.ANY, Lang.JSONATA, true)};
    // Payload templates may be any JSON value (objects inside arrays are templates too), as AWS runs them.
    private static final Field[] RESULT = {
        new Field("ResultSelector", Kind.ANY, Lang.JSONPATH, false), path("ResultPath")};
    private static final Field[] PARAMETERS_ARGUMENTS = {
        new Field("Parameters", Kind.ANY, Lang.JSONPATH, false),
        new Field("Arguments", Kind.OBJECT, Lang.JSONATA, true)};
    private static final Field[] ERROR_HANDLING = {f("Retry", Kind.ARRAY), f("Catch", Kind.ARRAY)};

    /** Fields per state type. */
    static final Map<String, ObjectSchema> STATES = Map.of(
            "Pass", schema(List.of(), BASE, TRANSITION, INPUT_OUTPUT, ASSIGN_OUTPUT, new Field[] {
                new Field("Parameters", Kind.ANY, Lang.JSONPATH, false),
                new Field("Result", Kind.ANY, Lang.JSONPATH, false), path("ResultPath")}),
            "Task", schema(List.of("Resource"), BASE, TRANSITION, INPUT_OUTPUT, ASSIGN_OUTPUT,
                    PARAMETERS_ARGUMENTS, RESULT, ERROR_HANDLING, new Field[] {
                        f("Resource", Kind.STRING),
                        expr("TimeoutSeconds", Kind.INTEGER), jsonPath("TimeoutSecondsPath"),
                        expr("HeartbeatSeconds", Kind.INTEGER), jsonPath("HeartbeatSecondsPath"),
                        f("Credentials", Kind.OBJECT)}),
            "Choice", schema(List.of("Choices"), BASE, INPUT_OUTPUT, ASSIGN_OUTPUT, new Field[] {
                f("Choices", Kind.ARRAY), f("Default", Kind.STRING)}),
            "Wait", schema(List.of(), BASE, TRANSITION, INPUT_OUTPUT, ASSIGN_OUTPUT, new Field[] {
                expr("Seconds", Kind.INTEGER), jsonPath("SecondsPath"),
                expr("Timestamp", Kind.STRING), jsonPath("TimestampPath")}),
            // Succeed and Fail end the run, so they take no Assign; Fail has no input/output handling at all.
            "Succeed", schema(List.of(), BASE, INPUT_OUTPUT, new Field[] {
                new Field("Output", Kind.ANY, Lang.JSONATA, true)}),
            "Fail", schema(List.of(), BASE, new Field[] {
                expr("Error", Kind.STRING), jsonPath("ErrorPath"), expr("Cause", Kind.STRING), jsonPath("CausePath")}),
            "Parallel", schema(List.of("Branches"), BASE, TRANSITION, INPUT_OUTPUT, ASSIGN_OUTPUT,
                    PARAMETERS_ARGUMENTS, RESULT, ERROR_HANDLING, new Field[] {f("Branches", Kind.ARRAY)}),
            // Map needs ItemProcessor or its older name Iterator: checked by StateRules, not listed as required.
            "Map", schema(List.of(), BASE, TRANSITION, INPUT_OUTPUT, ASSIGN_OUTPUT, RESULT, ERROR_HANDLING,
                    new Field[] {
                        f("ItemProcessor", Kind.OBJECT), f("Iterator", Kind.OBJECT),
                        jsonPath("ItemsPath"), new Field("Items", Kind.ARRAY, Lang.JSONATA, true),
                        f("ItemSelector", Kind.ANY),
                        new Field("Parameters", Kind.ANY, Lang.JSONPATH, false),
                        f("ItemReader", Kind.OBJECT), f("ItemBatcher", Kind.OBJECT), f("ResultWriter", Kind.OBJECT),
                        expr("MaxConcurrency", Kind.INTEGER), jsonPath("MaxConcurrencyPath"),
                        expr("ToleratedFailurePercentage", Kind.NUMBER), jsonPath("ToleratedFailurePercentagePath"),
                        expr("ToleratedFailureCount", Kind.INTEGER), jsonPath("ToleratedFailureCountPath"),
                        f("Label", Kind.STRING)}));

    // ---- nested objects ----

    /** The top level. AWS lists missing fields as [States, StartAt]. */
    static final ObjectSchema MACHINE = schema(List.of("States", "StartAt"), new Field[] {
        f("Comment", Kind.STRING), f("StartAt", Kind.STRING), f("States", Kind.OBJECT),
        f("TimeoutSeconds", Kind.INTEGER), f("Version", Kind.STRING), f("QueryLanguage", Kind.STRING)});

    /** A Parallel branch. It declares no QueryLanguage of its own: its states inherit the machine's. */
    static final ObjectSchema BRANCH = schema(List.of("States", "StartAt"), new Field[] {
        f("Comment", Kind.STRING), f("StartAt", Kind.STRING), f("States", Kind.OBJECT)});

    /** A Map's ItemProcessor (or Iterator). */
    static final ObjectSchema ITEM_PROCESSOR = schema(List.of("States", "StartAt"), new Field[] {
        f("Comment", Kind.STRING), f("StartAt", Kind.STRING), f("States", Kind.OBJECT),
        f("ProcessorConfig", Kind.OBJECT)});

    static final ObjectSchema PROCESSOR_CONFIG = schema(List.of(), new Field[] {
        f("Mode", Kind.STRING), f("ExecutionType", Kind.STRING)});

    static final ObjectSchema RETRIER = schema(List.of("ErrorEquals"), new Field[] {
        f("ErrorEquals", Kind.ARRAY), f("IntervalSeconds", Kind.INTEGER), f("MaxAttempts", Kind.INTEGER),
        f("BackoffRate", Kind.NUMBER), f("MaxDelaySeconds", Kind.INTEGER), f("JitterStrategy", Kind.STRING),
        f("Comment", Kind.STRING)});

    static final ObjectSchema CATCHER = schema(List.of("ErrorEquals", "Next"), new Field[] {
        f("ErrorEquals", Kind.ARRAY), f("Next", Kind.STRING), path("ResultPath"), f("Assign", Kind.OBJECT),
        new Field("Output", Kind.ANY, Lang.JSONATA, true), f("Comment", Kind.STRING)});

    static final ObjectSchema ITEM_READER = schema(List.of("Resource"), new Field[] {
        f("Resource", Kind.STRING), f("ReaderConfig", Kind.OBJECT),
        new Field("Parameters", Kind.OBJECT, Lang.JSONPATH, false),
        new Field("Arguments", Kind.OBJECT, Lang.JSONATA, true)});

    static final ObjectSchema ITEM_BATCHER = schema(List.of(), new Field[] {
        expr("MaxItemsPerBatch", Kind.INTEGER), jsonPath("MaxItemsPerBatchPath"),
        expr("MaxInputBytesPerBatch", Kind.INTEGER), jsonPath("MaxInputBytesPerBatchPath"),
        f("BatchInput", Kind.ANY)});

    static final ObjectSchema RESULT_WRITER = schema(List.of(), new Field[] {
        f("Resource", Kind.STRING), new Field("Parameters", Kind.OBJECT, Lang.JSONPATH, false),
        new Field("Arguments", Kind.OBJECT, Lang.JSONATA, true), f("WriterConfig", Kind.OBJECT)});

    /** A JSONata Choice rule: a Condition instead of Variable and operators. */
    static final ObjectSchema JSONATA_CHOICE_RULE = schema(List.of("Condition", "Next"), new Field[] {
        new Field("Condition", Kind.BOOLEAN, Lang.JSONATA, true), f("Next", Kind.STRING),
        f("Assign", Kind.OBJECT), new Field("Output", Kind.ANY, Lang.JSONATA, true), f("Comment", Kind.STRING)});

    /** JSONPath Choice comparison operators and the JSON type of their operand. */
    static final Map<String, Kind> CHOICE_OPERATORS = choiceOperators();

    /**
     * Where a JSONPath state's payload templates are: JSON values whose objects' {@code key.$} fields hold paths
     * or intrinsic function calls. Templates inside sub-objects (ItemReader.Parameters, ...) are found by
     * DataFlowRules.
     */
    static final List<String> JSONPATH_TEMPLATES = List.of("Parameters", "ResultSelector", "ItemSelector", "Assign");

    /** Fields a JSONata state evaluates: their strings may be {@code {% ... %}} expressions. */
    static final List<String> JSONATA_EVALUATED = List.of("Arguments", "Output", "Assign", "Items", "ItemSelector",
            "Seconds", "Timestamp", "TimeoutSeconds", "HeartbeatSeconds", "MaxConcurrency",
            "ToleratedFailurePercentage", "ToleratedFailureCount", "Error", "Cause", "Credentials", "ItemReader",
            "ItemBatcher", "ResultWriter");

    private static Map<String, Kind> choiceOperators() {
        Map<String, Kind> ops = new LinkedHashMap<>();
        for (String comparison : List.of("Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals")) {
            ops.put("String" + comparison, Kind.STRING);
            ops.put("Numeric" + comparison, Kind.NUMBER);
            ops.put("Timestamp" + comparison, Kind.STRING);
            ops.put("String" + comparison + "Path", Kind.STRING);
            ops.put("Numeric" + comparison + "Path", Kind.STRING);
            ops.put("Timestamp" + comparison + "Path", Kind.STRING);
        }
        ops.put("StringMatches", Kind.STRING);
        ops.put("BooleanEquals", Kind.BOOLEAN);
        ops.put("BooleanEqualsPath", Kind.STRING);
        for (String test : List.of("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp")) {
            ops.put(test, Kind.BOOLEAN);
        }
        return Map.copyOf(ops);
    }

    private static Field f(String name, Kind kind) {
        return new Field(name, kind, Lang.BOTH, false);
    }

    /** A field JSONata states may also give as an expression. */
    private static Field expr(String name, Kind kind) {
        return new Field(name, kind, Lang.BOTH, true);
    }

    /** A JSONPath path field that may be null (InputPath, OutputPath, ResultPath). */
    private static Field path(String name) {
        return new Field(name, Kind.NULLABLE_STRING, Lang.JSONPATH, false);
    }

    /** A JSONPath-only *Path field holding a reference path. */
    private static Field jsonPath(String name) {
        return new Field(name, Kind.STRING, Lang.JSONPATH, false);
    }

    private static ObjectSchema schema(List<String> required, Field[]... groups) {
        Map<String, Field> fields = new LinkedHashMap<>();
        Stream.of(groups).flatMap(Arrays::stream).forEach(field -> fields.put(field.name(), field));
        return new ObjectSchema(Collections.unmodifiableMap(fields), required);
    }
}
