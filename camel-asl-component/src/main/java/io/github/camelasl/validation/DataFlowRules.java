package io.github.camelasl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.jsonata.JsonataExpressions;
import io.github.camelasl.dataflow.intrinsic.IntrinsicFunctions;
import io.github.camelasl.model.QueryLanguage;
import java.util.List;

/**
 * How data flows through a state: path fields and {@code key.$} payload templates in JSONPath states,
 * {@code {% ... %}} expressions in JSONata states, and Assign's variable names in both.
 */
final class DataFlowRules {

    /** Paths that may select anything (or be null to discard). */
    private static final List<String> PATHS = List.of("InputPath", "OutputPath");

    /** Paths that must select one value. */
    private static final List<String> REFERENCE_PATHS = List.of("ItemsPath", "SecondsPath", "TimestampPath",
            "TimeoutSecondsPath", "HeartbeatSecondsPath", "MaxConcurrencyPath", "ToleratedFailurePercentagePath",
            "ToleratedFailureCountPath");

    /** Fail's paths, which may also be an intrinsic function call (States.Format, ...). */
    private static final List<String> PATHS_OR_INTRINSICS = List.of("ErrorPath", "CausePath");

    private DataFlowRules() {
    }

    static void check(StateContext state) {
        if (state.jsonata()) {
            for (String name : Schema.JSONATA_EVALUATED) {
                JsonNode value = state.field(name);
                if (value != null) {
                    jsonataValue(value, state.at(name), state.problems());
                }
            }
        } else {
            jsonPathFields(state);
        }
        JsonNode assign = state.field("Assign");
        if (assign != null) {
            variableNames(assign, state.at("Assign"), state.language(), state.problems());
        }
    }

    private static void jsonPathFields(StateContext state) {
        Problems problems = state.problems();
        for (String name : PATHS) {
            String path = text(state.field(name));
            if (path != null && !Paths.isPath(path)) {
                problems.schema(Problems.invalidPath(name), state.at(name));
            }
        }
        for (String name : REFERENCE_PATHS) {
            referencePath(state.field(name), name, state.at(name), problems);
        }
        resultPath(state.field("ResultPath"), state.at("ResultPath"), problems);
        for (String name : PATHS_OR_INTRINSICS) {
            String path = text(state.field(name));
            if (path != null && !Paths.isReferencePath(path) && !isValidIntrinsic(path)) {
                problems.schema(Problems.invalidPathOrIntrinsic(name), state.at(name));
            }
        }
        for (String name : Schema.JSONPATH_TEMPLATES) {
            JsonNode template = state.field(name);
            if (template != null) {
                template(template, state.at(name), problems);
            }
        }
        // Templates nested in Map and Task sub-objects.
        nestedTemplate(state, "ItemReader", "Parameters");
        nestedTemplate(state, "ResultWriter", "Parameters");
        nestedTemplate(state, "ItemBatcher", "BatchInput");
        JsonNode credentials = state.field("Credentials");
        if (credentials != null) {
            template(credentials, state.at("Credentials"), problems);
        }
        JsonNode reader = state.field("ItemReader");
        JsonNode readerConfig = reader == null ? null : reader.get("ReaderConfig");
        if (readerConfig != null) {
            referencePath(readerConfig.get("MaxItemsPath"), "MaxItemsPath",
                    Locations.field(Locations.field(state.at("ItemReader"), "ReaderConfig"), "MaxItemsPath"), problems);
        }
        JsonNode batcher = state.field("ItemBatcher");
        if (batcher != null) {
            for (String name : List.of("MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath")) {
                referencePath(batcher.get(name), name, Locations.field(state.at("ItemBatcher"), name), problems);
            }
        }
    }

    private static void nestedTemplate(StateContext state, String owner, String field) {
        JsonNode parent = state.field(owner);
        JsonNode template = parent == null ? null : parent.get(field);
        if (template != null) {
            template(template, Locations.field(state.at(owner), field), state.problems());
        }
    }

    /** A ResultPath: a definite path into the data, or null. */
    static void resultPath(JsonNode value, String location, Problems problems) {
        String path = text(value);
        if (path != null && !Paths.isResultPath(path)) {
            problems.schema(Problems.invalidReferencePath("ResultPath"), location);
        }
    }

    /** A value that must be a reference path, when present and a string. */
    static void referencePath(JsonNode value, String name, String location, Problems problems) {
        String path = text(value);
        if (path != null && !Paths.isReferencePath(path)) {
            problems.schema(Problems.invalidReferencePath(name), location);
        }
    }

    /**
     * A JSONPath payload template, of any JSON type: every {@code key.$} value, in objects at any depth of
     * objects and arrays, must be a path or an intrinsic function call. AWS locates the problem at the object
     * holding the key.
     */
    static void template(JsonNode node, String pointer, Problems problems) {
        if (node.isObject()) {
            node.fields().forEachRemaining(entry -> {
                String key = entry.getKey();
                JsonNode value = entry.getValue();
                if (key.endsWith(".$")) {
                    if (!value.isTextual() || !isPathOrIntrinsic(value.asText())) {
                        problems.schema(Problems.invalidPayloadPath(key), Locations.of(pointer));
                    }
                } else {
                    template(value, Locations.field(pointer, key), problems);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                template(node.get(i), Locations.element(pointer, i), problems);
            }
        }
    }

    /** A value a JSONata state evaluates: its expressions must be well delimited and parse. */
    static void jsonataValue(JsonNode node, String pointer, Problems problems) {
        if (node.isTextual()) {
            if (Jsonata.looksLike(node.asText())) {
                String problem = Jsonata.problem(node.asText());
                if (problem != null) {
                    problems.schema(problem, pointer);
                    return;
                }
                if (!JsonataExpressions.isExpression(node)) {
                    return; // " {% x %} ", with text outside the delimiters, is a literal string to AWS
                }
                String syntax = Jsonata.syntaxProblem(node.asText());
                if (syntax != null) {
                    problems.add(Jsonata.INVALID_CODE, syntax, pointer);
                    return;
                }
                String reference = Jsonata.topLevelReference(node.asText());
                if (reference != null) {
                    problems.add(Jsonata.UNSUPPORTED_CODE,
                            "Reference to '" + reference + "' at the top level is not supported.", pointer);
                }
            }
        } else if (node.isObject()) {
            // no .$ suffix in JSONata: "a.$" is a key like any other, its value evaluated as any value is
            node.fields().forEachRemaining(entry ->
                    jsonataValue(entry.getValue(), Locations.field(pointer, entry.getKey()), problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                jsonataValue(node.get(i), Locations.element(pointer, i), problems);
            }
        }
    }

    /** A value in either language: a payload template or a JSONata value. */
    static void payload(JsonNode node, String pointer, QueryLanguage language, Problems problems) {
        if (language == QueryLanguage.JSONata) {
            jsonataValue(node, pointer, problems);
        } else {
            template(node, pointer, problems);
        }
    }

    /**
     * Assign's keys name variables. A JSONPath key may end in .$, which is not part of the name; JSONata has no
     * such suffix, so there "v.$" names a variable "v.$" (which is not a valid name).
     */
    static void variableNames(JsonNode assign, String pointer, QueryLanguage language, Problems problems) {
        assign.fieldNames().forEachRemaining(key -> {
            String name = language == QueryLanguage.JSONPath && key.endsWith(".$")
                    ? key.substring(0, key.length() - 2) : key;
            if (!Paths.isVariableName(name)) {
                problems.schema(Problems.invalidVariableName(name), Locations.field(pointer, key));
            }
        });
    }

    private static boolean isPathOrIntrinsic(String text) {
        return text.startsWith("$") ? Paths.isPath(text) : isValidIntrinsic(text);
    }

    private static boolean isValidIntrinsic(String text) {
        return IntrinsicFunctions.isIntrinsic(text) && IntrinsicFunctions.staticProblem(text) == null;
    }

    private static String text(JsonNode value) {
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
