package io.github.camelasl.dataflow.intrinsic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Bindings;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.dataflow.JsonPaths;
import io.github.camelasl.engine.AslError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the intrinsic function cases of the AWS-recorded conformance corpus (system property
 * {@code asl.conformance.dir}; the corpus comes from LocalStack's Step Functions snapshot tests, Apache-2.0) without
 * the engine: every {@code intrinsic_functions_*} case is one Pass state, so its output is its Parameters template
 * evaluated here, put through the state's ResultPath and OutputPath where it has them.
 *
 * <p>How a case is compared:
 * <ul>
 *   <li>The context object is rebuilt from the case's {@code normalization}: the state machine and execution names
 *       are the raw values AWS's names were normalised from, then the output's JSON text goes through the same
 *       {@code regex_in_order} replacements before it is compared (numbers by value).</li>
 *   <li>States.MathRandom results are masked in the recording ("RandomNumberGenerated"); the test checks the value is
 *       an integer and then masks it the same way. The range itself is checked in {@link IntrinsicFunctionsTest}.</li>
 *   <li>Cases whose state uses {@code QueryLanguage: JSONata} call JSONata built-ins ($partition, $range, $parse,
 *       $randomSeeded), not intrinsic functions; they are skipped here with that reason and belong to the JSONata
 *       engine's own corpus run.</li>
 * </ul>
 * Two cases outside the {@code intrinsic_functions_} group are replayed too: intrinsic calls in Assign (checked
 * against the variables the history recorded) and in a Fail state's ErrorPath/CausePath.
 */
class IntrinsicCorpusTest {

    private static final String DEFAULT_DIR = "../../shared/conformance";
    private static final String RANDOM_MASK = "RandomNumberGenerated";
    private static final Pattern UUID_V4 =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private static Path casesDirectory() {
        Path dir = Path.of(System.getProperty("asl.conformance.dir", DEFAULT_DIR)).resolve("cases");
        Assumptions.assumeTrue(Files.isDirectory(dir), "conformance corpus not found at " + dir.toAbsolutePath()
                + " (set -Dasl.conformance.dir=<path to shared/conformance>); skipping the corpus replay");
        return dir;
    }

    @TestFactory
    Stream<DynamicTest> intrinsicFunctionCases() throws IOException {
        Path dir = casesDirectory();
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().startsWith("intrinsic_functions_"))
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
        assertTrue(files.size() >= 100, "expected the ~137 intrinsic_functions_* cases, found " + files.size());
        return files.stream().map(file -> DynamicTest.dynamicTest(
                file.getFileName().toString().replace("intrinsic_functions_test_", "").replace(".json", ""),
                () -> replay(Json.MAPPER.readTree(file.toFile()))));
    }

    private static void replay(JsonNode testCase) {
        JsonNode definition = testCase.get("definition");
        JsonNode states = definition.get("States");
        Assumptions.assumeTrue(states.size() == 1, "multi-state definition, needs the engine");
        String stateName = states.fieldNames().next();
        JsonNode state = states.get(stateName);
        boolean jsonata = "JSONata".equals(definition.path("QueryLanguage").asText())
                || "JSONata".equals(state.path("QueryLanguage").asText());
        Assumptions.assumeFalse(jsonata,
                "JSONata state: it calls JSONata built-ins, not intrinsic functions; the JSONata engine replays it");
        assertEquals("Pass", state.path("Type").asText(), "only Pass states are replayed");
        assertTrue(state.has("Parameters"), "a Pass state with Parameters");
        for (String unsupported : List.of("InputPath", "ResultSelector", "Assign", "Output")) {
            assertTrue(!state.has(unsupported), "no " + unsupported + " expected in an intrinsic case");
        }

        JsonNode input = testCase.get("input");
        JsonNode context = contextObject(testCase, stateName);
        JsonNode expected = testCase.get("expected");
        if (!"SUCCEEDED".equals(expected.path("status").asText())) {
            AslError error = assertThrows(AslError.class, () -> evaluateTemplate(state.get("Parameters"), input, context));
            assertEquals(expected.path("error").asText(), error.error());
            assertEquals(expected.path("cause").asText(), error.cause());
            return;
        }
        JsonNode result = evaluateTemplate(state.get("Parameters"), input, context);
        JsonNode output = applyResultAndOutputPath(state, input, result);
        output = maskRandomNumbers(testCase, output);
        JsonNode normalised = normalise(testCase, output);
        assertSameJson(expected.get("output"), normalised);
    }

    /** Intrinsic calls in Assign, checked against the assignedVariables AWS recorded in the state's exit event. */
    @Test
    void intrinsicCallsInAssignMatchTheRecordedVariables() throws IOException {
        JsonNode testCase = readCase("assign_test_assign_reference_variables.TestAssignReferenceVariables."
                + "test_assign_from_value[BASE_ASSIGN_FROM_INTRINSIC_FUNCTION].json");
        JsonNode state = testCase.at("/definition/States/State0");
        // A Pass state's Assign sees the state's result: here the static Result.
        JsonNode assigned = evaluateTemplate(state.get("Assign"), state.get("Result"), contextObject(testCase, "State0"));
        JsonNode recorded = null;
        for (JsonNode event : testCase.get("expected_history")) {
            if ("PassStateExited".equals(event.path("type").asText())) {
                recorded = event.at("/stateExitedEventDetails/assignedVariables");
            }
        }
        String uuid = assigned.at("/uuidOp/uniqueId").asText();
        assertTrue(UUID_V4.matcher(uuid).matches(), uuid);
        ((ObjectNode) assigned.get("uuidOp")).put("uniqueId", "<uuid:1>");
        assertSameJson(recorded, assigned);
    }

    /** Intrinsic calls in a Fail state's ErrorPath and CausePath give the recorded error and cause. */
    @Test
    void intrinsicCallsInFailStatePathsMatchTheRecordedFailure() throws IOException {
        JsonNode testCase = readCase("base_test_base.TestSnfBase.test_state_fail_intrinsic.json");
        JsonNode state = testCase.at("/definition/States/FailState");
        JsonNode input = testCase.get("input");
        JsonNode context = contextObject(testCase, "FailState");
        assertEquals(testCase.at("/expected/error").asText(),
                IntrinsicFunctions.evaluate(state.get("ErrorPath").asText(), input, Bindings.of(context)).textValue());
        assertEquals(testCase.at("/expected/cause").asText(),
                IntrinsicFunctions.evaluate(state.get("CausePath").asText(), input, Bindings.of(context)).textValue());
    }

    private static JsonNode readCase(String fileName) throws IOException {
        Path file = casesDirectory().resolve(fileName);
        Assumptions.assumeTrue(Files.isRegularFile(file), "case " + fileName + " not in this corpus");
        return Json.MAPPER.readTree(file.toFile());
    }

    /** A JSONPath payload template: keys ending in .$ take an intrinsic call's or a path's value. */
    private static JsonNode evaluateTemplate(JsonNode template, JsonNode data, JsonNode context) {
        if (template.isObject()) {
            ObjectNode out = Json.NODES.objectNode();
            for (Map.Entry<String, JsonNode> field : template.properties()) {
                String key = field.getKey();
                JsonNode value = field.getValue();
                if (key.endsWith(".$") && value.isTextual()) {
                    String expression = value.textValue();
                    out.set(key.substring(0, key.length() - 2), IntrinsicFunctions.isIntrinsic(expression)
                            ? IntrinsicFunctions.evaluate(expression, data, Bindings.of(context))
                            : JsonPaths.read(expression, data, Bindings.of(context)));
                } else {
                    out.set(key, evaluateTemplate(value, data, context));
                }
            }
            return out;
        }
        return template;
    }

    /** ResultPath "$.a" (or absent, meaning "$") followed by an optional OutputPath. */
    private static JsonNode applyResultAndOutputPath(JsonNode state, JsonNode input, JsonNode result) {
        JsonNode combined = result;
        if (state.has("ResultPath")) {
            String resultPath = state.get("ResultPath").asText();
            assertTrue(resultPath.matches("\\$\\.[A-Za-z_][A-Za-z0-9_]*"), "simple ResultPath expected: " + resultPath);
            ObjectNode copy = input.deepCopy();
            copy.set(resultPath.substring(2), result);
            combined = copy;
        }
        return state.has("OutputPath") ? JsonPaths.read(state.get("OutputPath").asText(), combined) : combined;
    }

    /**
     * The context object as AWS would have built it before the recorded values were normalised: names are the raw
     * values that the case's regex_in_order turns into {@code <ArnPart_0idx>} and {@code <ExecArnPart_0idx>}.
     */
    private static JsonNode contextObject(JsonNode testCase, String stateName) {
        String machine = rawValueOf(testCase, "<ArnPart_0idx>", "state-machine");
        String execution = rawValueOf(testCase, "<ExecArnPart_0idx>", "execution");
        ObjectNode context = Json.NODES.objectNode();
        ObjectNode executionNode = context.putObject("Execution");
        executionNode.put("Id", "arn:aws:states:us-east-1:111111111111:execution:" + machine + ":" + execution);
        executionNode.set("Input", testCase.get("input"));
        executionNode.put("Name", execution);
        executionNode.put("RoleArn", "arn:aws:iam::111111111111:role/test-sfn-role-fake");
        executionNode.put("StartTime", "2024-01-01T00:00:00.000Z");
        ObjectNode machineNode = context.putObject("StateMachine");
        machineNode.put("Id", "arn:aws:states:us-east-1:111111111111:stateMachine:" + machine);
        machineNode.put("Name", machine);
        ObjectNode stateNode = context.putObject("State");
        stateNode.put("EnteredTime", "2024-01-01T00:00:00.000Z");
        stateNode.put("Name", stateName);
        return context;
    }

    private static String rawValueOf(JsonNode testCase, String placeholder, String fallback) {
        for (JsonNode rule : testCase.at("/normalization/regex_in_order")) {
            if (placeholder.equals(rule.path("replacement").asText())) {
                return rule.path("pattern").asText();
            }
        }
        return fallback;
    }

    /** Replaces a MathRandom result the recording masked, after checking it is an integer. */
    private static JsonNode maskRandomNumbers(JsonNode testCase, JsonNode output) {
        boolean masked = false;
        for (JsonNode placeholder : testCase.path("placeholders_in_expected")) {
            masked |= RANDOM_MASK.equals(placeholder.asText());
        }
        if (!masked) {
            return output;
        }
        JsonNode value = output.get("FunctionResult");
        assertTrue(value != null && value.isIntegralNumber(), "MathRandom should give an integer, gave " + value);
        ObjectNode copy = output.deepCopy();
        copy.put("FunctionResult", RANDOM_MASK);
        return copy;
    }

    /** Applies the case's regex_in_order replacements to the output's JSON text, as the recording went through. */
    private static JsonNode normalise(JsonNode testCase, JsonNode output) {
        String text = Json.write(output);
        List<JsonNode> rules = new ArrayList<>();
        testCase.at("/normalization/regex_in_order").forEach(rules::add);
        for (JsonNode rule : rules) {
            text = Pattern.compile(rule.get("pattern").asText()).matcher(text)
                    .replaceAll(Matcher.quoteReplacement(rule.get("replacement").asText()));
        }
        try {
            return Json.parse(text);
        } catch (IOException e) {
            return fail("normalised output is not JSON: " + text);
        }
    }

    private static void assertSameJson(JsonNode expected, JsonNode actual) {
        assertTrue(JsonValues.sameValue(expected, actual),
                () -> "expected " + Json.write(expected) + "\n but was " + Json.write(actual));
    }
}
