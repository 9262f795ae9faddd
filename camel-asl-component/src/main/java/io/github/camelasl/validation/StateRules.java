package io.github.camelasl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.validation.Schema.Field;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The rules of each state type beyond its shape: how it ends, and the fields that go together. */
final class StateRules {

    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(99_999_999);
    /** The largest limit the run reads exactly (AWS documents no upper bound for these). */
    private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);

    private StateRules() {
    }

    static void check(StateContext state) {
        if (Schema.STATES.get(state.type()).field("Next") != null) {
            transition(state);
        }
        switch (state.type()) {
            case "Task" -> task(state);
            case "Wait" -> waitState(state);
            case "Fail" -> {
                atMostOne(state, "Error", "ErrorPath");
                atMostOne(state, "Cause", "CausePath");
            }
            case "Choice" -> ChoiceRules.check(state);
            case "Parallel" -> nonEmpty(state, "Branches");
            case "Map" -> map(state);
            default -> {
            }
        }
    }

    /** A state that can continue has exactly one of Next and End (End false counts as absent). */
    private static void transition(StateContext state) {
        boolean next = state.node().has("Next");
        JsonNode endNode = state.node().get("End");
        boolean end = endNode != null && !(endNode.isBoolean() && !endNode.booleanValue());
        if (next == end) {
            state.problems().schema(Problems.exactlyOne(List.of("Next", "End")), Locations.of(state.pointer()));
        }
    }

    private static void task(StateContext state) {
        atMostOne(state, "TimeoutSeconds", "TimeoutSecondsPath");
        atMostOne(state, "HeartbeatSeconds", "HeartbeatSecondsPath");
        range(state, "TimeoutSeconds", BigDecimal.ONE, MAX_SECONDS);
        range(state, "HeartbeatSeconds", BigDecimal.ONE, MAX_SECONDS);
        JsonNode timeout = state.field("TimeoutSeconds");
        JsonNode heartbeat = state.field("HeartbeatSeconds");
        if (timeout != null && heartbeat != null && timeout.isNumber() && heartbeat.isNumber()
                && heartbeat.decimalValue().compareTo(timeout.decimalValue()) >= 0) {
            state.problems().schema(Problems.lessThan("HeartbeatSeconds", "TimeoutSeconds"),
                    state.at("HeartbeatSeconds"));
        }
        JsonNode credentials = state.field("Credentials");
        // Unknown fields in Credentials are not reported: AWS reports only the missing RoleArn.
        if (credentials != null && !credentials.has("RoleArn") && (state.jsonata() || !credentials.has("RoleArn.$"))) {
            state.problems().schema(Problems.requiredField("RoleArn"), state.at("Credentials"));
        }
    }

    private static void waitState(StateContext state) {
        List<String> given = present(state, "Seconds", "SecondsPath", "Timestamp", "TimestampPath");
        if (given.size() != 1) {
            state.problems().schema(Problems.exactlyOne(allowed(state, "Seconds", "SecondsPath", "Timestamp",
                    "TimestampPath")), Locations.of(state.pointer()));
        }
        range(state, "Seconds", BigDecimal.ZERO, MAX_SECONDS);
        JsonNode timestamp = state.field("Timestamp");
        boolean expression = state.jsonata() && timestamp != null && Jsonata.looksLike(timestamp.asText());
        if (timestamp != null && !expression && !Timestamps.isRfc3339(timestamp.asText())) {
            state.problems().schema(Problems.notTimestamp(), state.at("Timestamp"));
        }
    }

    private static void map(StateContext state) {
        List<String> processors = present(state, "ItemProcessor", "Iterator");
        if (processors.isEmpty()) {
            state.problems().schema(Problems.required(List.of("ItemProcessor")), Locations.of(state.pointer()));
        } else if (processors.size() > 1) {
            state.problems().schema(Problems.atMostOne(processors), state.at(processors.get(0)));
        }
        atMostOne(state, "MaxConcurrency", "MaxConcurrencyPath");
        atMostOne(state, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath");
        atMostOne(state, "ToleratedFailureCount", "ToleratedFailureCountPath");
        atMostOne(state, "ItemSelector", "Parameters");
        range(state, "MaxConcurrency", BigDecimal.ZERO, null);
        range(state, "ToleratedFailurePercentage", BigDecimal.ZERO, BigDecimal.valueOf(100));
        range(state, "ToleratedFailureCount", BigDecimal.ZERO, null);
        subObject(state, "ItemReader", Schema.ITEM_READER);
        subObject(state, "ItemBatcher", Schema.ITEM_BATCHER);
        subObject(state, "ResultWriter", Schema.RESULT_WRITER);
        resultWriter(state);
        JsonNode reader = state.field("ItemReader");
        if (reader != null) {
            String configPointer = Locations.field(state.at("ItemReader"), "ReaderConfig");
            atMostOne(state, reader.get("ReaderConfig"), configPointer, "MaxItems", "MaxItemsPath");
            literalInteger(state, reader.get("ReaderConfig"), configPointer, "MaxItems", BigDecimal.ZERO, true);
            readerConfig(state, reader, configPointer);
        }
        JsonNode batcher = state.field("ItemBatcher");
        atMostOne(state, batcher, state.at("ItemBatcher"), "MaxItemsPerBatch", "MaxItemsPerBatchPath");
        atMostOne(state, batcher, state.at("ItemBatcher"), "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath");
        literalInteger(state, batcher, state.at("ItemBatcher"), "MaxItemsPerBatch", BigDecimal.ONE, false);
        literalInteger(state, batcher, state.at("ItemBatcher"), "MaxInputBytesPerBatch", BigDecimal.ONE, false);
    }

    /**
     * ReaderConfig's ItemsPointer (a JSON Pointer, RFC 6901) and Transformation (NONE, or LOAD_AND_FLATTEN, which
     * reads the objects an s3:listObjectsV2 listing lists: "ItemReader (Map)").
     */
    private static void readerConfig(StateContext state, JsonNode reader, String configPointer) {
        JsonNode config = reader.get("ReaderConfig");
        if (config == null || !config.isObject()) {
            return;
        }
        JsonNode pointer = config.get("ItemsPointer");
        if (pointer != null) {
            boolean valid = pointer.isTextual();
            if (valid) {
                try {
                    com.fasterxml.jackson.core.JsonPointer.compile(pointer.textValue());
                } catch (IllegalArgumentException e) {
                    valid = false;
                }
            }
            if (!valid) {
                state.problems().schema("The value for the field 'ItemsPointer' must be a JSON Pointer (\"\" or "
                        + "starting with \"/\"), but was " + pointer, Locations.field(configPointer, "ItemsPointer"));
            }
        }
        oneOf(state, config, configPointer, "Transformation", List.of("NONE", "LOAD_AND_FLATTEN"));
        if ("LOAD_AND_FLATTEN".equals(config.path("Transformation").asText())
                && !reader.path("Resource").asText("").endsWith("s3:listObjectsV2")) {
            state.problems().schema("Transformation LOAD_AND_FLATTEN reads the objects of an "
                    + "arn:aws:states:::s3:listObjectsV2 listing; the Resource is " + reader.path("Resource"),
                    Locations.field(configPointer, "Transformation"));
        }
    }

    /**
     * ResultWriter's "required field combinations" (AWS's developer guide, "ResultWriter (Map)"): WriterConfig alone,
     * Resource with Parameters (Arguments in JSONata), or all three; and WriterConfig's values.
     */
    private static void resultWriter(StateContext state) {
        JsonNode writer = state.field("ResultWriter");
        if (writer == null || !writer.isObject()) {
            return;
        }
        String pointer = state.at("ResultWriter");
        JsonNode processor = state.field("ItemProcessor") != null ? state.field("ItemProcessor")
                : state.field("Iterator");
        if (processor == null || !"DISTRIBUTED".equals(processor.path("ProcessorConfig").path("Mode").asText())) {
            // a ResultWriter writes a map run's results: an Inline Map has no map run
            state.problems().schema("The ResultWriter is for a Distributed Map (ItemProcessor.ProcessorConfig.Mode "
                    + "DISTRIBUTED)", Locations.of(pointer));
        }
        boolean resource = writer.has("Resource");
        boolean parameters = writer.has(state.jsonata() ? "Arguments" : "Parameters");
        boolean config = writer.has("WriterConfig");
        if (resource != parameters || !resource && !config) {
            state.problems().schema("The ResultWriter must have WriterConfig, or Resource and "
                    + (state.jsonata() ? "Arguments" : "Parameters") + ", or all three", Locations.of(pointer));
        }
        JsonNode writerConfig = writer.get("WriterConfig");
        if (writerConfig != null && writerConfig.isObject()) {
            String configPointer = Locations.field(pointer, "WriterConfig");
            oneOf(state, writerConfig, configPointer, "Transformation", List.of("NONE", "COMPACT", "FLATTEN"));
            oneOf(state, writerConfig, configPointer, "OutputType", List.of("JSON", "JSONL"));
        }
    }

    private static void oneOf(StateContext state, JsonNode owner, String pointer, String field, List<String> values) {
        JsonNode value = owner.get(field);
        if (value != null && (!value.isTextual() || !values.contains(value.textValue()))) {
            state.problems().schema("The value for the field '" + field + "' must be one of " + values + ", but was "
                    + value, Locations.field(pointer, field));
        }
    }

    /**
     * A literal integer field of a Map's sub-object (ReaderConfig, ItemBatcher) that the run reads: an integer of
     * at least {@code minimum}, as AWS's language service's schema has it (MaxItems 0, the batch limits 1), so that
     * validation refuses what the run would fail on, a value past a long among it. A JSONata expression is checked
     * when it runs.
     *
     * @param checkType false where the sub-object's schema checks the field's type already (ItemBatcher's)
     */
    private static void literalInteger(StateContext state, JsonNode owner, String pointer, String name,
            BigDecimal minimum, boolean checkType) {
        JsonNode value = owner != null && owner.isObject() ? owner.get(name) : null;
        if (value == null || state.jsonata() && value.isTextual() && Jsonata.looksLike(value.asText())) {
            return;
        }
        if (!StructureRules.hasKind(value, Schema.Kind.INTEGER)) {
            if (checkType) {
                state.problems().schema(Problems.expectedType(Schema.Kind.INTEGER), Locations.field(pointer, name));
            }
            return;
        }
        StructureRules.checkRange(Map.of(name, value), name, minimum, MAX_LONG, pointer, state.problems());
    }

    private static void subObject(StateContext state, String name, Schema.ObjectSchema schema) {
        JsonNode value = state.field(name);
        if (value != null) {
            StructureRules.checkObject(value, state.at(name), schema, state.language(), true, state.problems());
        }
    }

    private static void nonEmpty(StateContext state, String name) {
        JsonNode value = state.field(name);
        if (value != null && value.isEmpty()) {
            state.problems().schema(Problems.nonEmpty(name), state.at(name));
        }
    }

    /** Two fields that say the same thing in two ways: reported at the first. */
    private static void atMostOne(StateContext state, String first, String second) {
        List<String> given = present(state, first, second);
        if (given.size() > 1) {
            state.problems().schema(Problems.atMostOne(given), state.at(first));
        }
    }

    /** As {@link #atMostOne(StateContext, String, String)}, in a sub-object of the state at {@code pointer}. */
    private static void atMostOne(StateContext state, JsonNode owner, String pointer, String first, String second) {
        if (owner != null && owner.isObject() && owner.has(first) && owner.has(second)) {
            state.problems().schema(Problems.atMostOne(List.of(first, second)), Locations.field(pointer, first));
        }
    }

    private static void range(StateContext state, String name, BigDecimal minimum, BigDecimal maximum) {
        StructureRules.checkRange(state.fields(), name, minimum, maximum, state.pointer(), state.problems());
    }

    /** The fields among {@code names} the state has, counting only those of its query language. */
    private static List<String> present(StateContext state, String... names) {
        List<String> given = new ArrayList<>();
        for (String name : allowed(state, names)) {
            if (state.node().has(name)) {
                given.add(name);
            }
        }
        return given;
    }

    /** The fields among {@code names} the state's type and query language allow. */
    private static List<String> allowed(StateContext state, String... names) {
        List<String> allowed = new ArrayList<>();
        for (String name : names) {
            Field field = Schema.STATES.get(state.type()).field(name);
            if (field != null && StructureRules.allowedIn(field, state.language())) {
                allowed.add(name);
            }
        }
        return allowed;
    }
}
