package io.github.camelasl.dataflow.jsonata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

/**
 * Replays the JSONata cases of the AWS-recorded conformance corpus (system property {@code asl.conformance.dir},
 * default {@code ../../shared/conformance}; the corpus comes from LocalStack's Step Functions snapshot tests,
 * Apache-2.0) without the engine: every case whose {@code features} hold "JSONata" and whose {@code services} are
 * empty is walked here by a minimal interpreter, just enough to put its expressions through
 * {@link JsonataExpressions} against {@code $states.input} and the variables AWS would have had.
 *
 * <p>Shapes covered (a case outside them is skipped with the reason, never counted as passed):
 * <ul>
 *   <li>Pass states (Output, Assign; JSONPath Pass states only when they pass their input through or Assign
 *       constants), chained with Next.</li>
 *   <li>Choice states: each rule's Condition (a boolean), the matched rule's or the Default's Output and Assign.</li>
 *   <li>Succeed, and Fail with Error and Cause (literal or JSONata).</li>
 *   <li>INLINE Map states whose ItemProcessor is one pass-through Pass state: Items (an array expression or a
 *       template), ItemSelector (with {@code $states.context.Map.Item}), MaxConcurrency and ToleratedFailure*.</li>
 * </ul>
 * Not covered: Wait states (timestamp parsing is the engine's), Map states without Items (their "Map state input must
 * be an array" error is the engine's), expressions reading other parts of {@code $states.context}, and anything with a
 * Task, Parallel or JSONPath data-flow field.
 *
 * <p>Expected failures compare the error name and the cause after AWS's "An error occurred while executing the state
 * 'X' (entered at the event id #N). " prefix, which the engine adds.
 */
class JsonataCorpusTest {

    private static final String DEFAULT_DIR = "../../shared/conformance";
    private static final Pattern STATE_PREFIX =
            Pattern.compile("^An error occurred while executing the state '[^']*' \\(entered at the event id #\\d+\\)\\. ");
    private static final Set<String> PASS_FIELDS =
            Set.of("Type", "Comment", "Next", "End", "QueryLanguage", "Output", "Assign");
    private static final Set<String> MAP_FIELDS = Set.of("Type", "Comment", "Next", "End", "QueryLanguage", "Items",
            "ItemSelector", "ItemProcessor", "MaxConcurrency", "ToleratedFailureCount", "ToleratedFailurePercentage",
            "Output", "Assign");

    private static Path casesDirectory() {
        Path dir = Path.of(System.getProperty("asl.conformance.dir", DEFAULT_DIR)).resolve("cases");
        Assumptions.assumeTrue(Files.isDirectory(dir), "conformance corpus not found at " + dir.toAbsolutePath()
                + " (set -Dasl.conformance.dir=<path to shared/conformance>); skipping the JSONata corpus replay");
        return dir;
    }

    @TestFactory
    Stream<DynamicTest> jsonataCases() throws IOException {
        Path dir = casesDirectory();
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            JsonNode testCase = Json.MAPPER.readTree(file.toFile());
            if (!isJsonataWithoutServices(testCase)) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(testCase.get("name").asText(), () -> replay(testCase)));
        }
        assertTrue(tests.size() >= 80, "expected the ~94 JSONata cases without services, found " + tests.size());
        return tests.stream();
    }

    private static boolean isJsonataWithoutServices(JsonNode testCase) {
        boolean jsonata = false;
        for (JsonNode feature : testCase.path("features")) {
            jsonata |= "JSONata".equals(feature.asText());
        }
        return jsonata && testCase.path("services").isEmpty();
    }

    private static void replay(JsonNode testCase) {
        JsonNode expected = testCase.get("expected");
        Outcome outcome;
        try {
            outcome = new Walker(testCase.get("definition")).run(testCase.get("input"));
        } catch (AslError e) {
            outcome = Outcome.failed(e.error(), e.cause());
        }
        String status = expected.get("status").asText();
        if ("SUCCEEDED".equals(status)) {
            if (outcome.output == null) {
                fail("AWS succeeded with " + expected.get("output") + ", here it failed: " + outcome.error + ": "
                        + outcome.cause);
            }
            assertTrue(sameValue(expected.get("output"), outcome.output),
                    "output: expected " + expected.get("output") + " but was " + outcome.output);
        } else if ("FAILED".equals(status)) {
            if (outcome.output != null) {
                fail("AWS failed with " + expected.get("error") + ": " + expected.get("cause")
                        + ", here it succeeded with " + outcome.output);
            }
            assertEquals(text(expected.get("error")), outcome.error, "error name");
            String cause = text(expected.get("cause"));
            assertEquals(cause == null ? null : STATE_PREFIX.matcher(cause).replaceFirst(""), outcome.cause, "cause");
        } else {
            throw new TestAbortedException("status " + status + " is not replayed here");
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    /** A run's end: an output, or an error name and cause. */
    private record Outcome(JsonNode output, String error, String cause) {
        static Outcome succeeded(JsonNode output) {
            return new Outcome(output, null, null);
        }

        static Outcome failed(String error, String cause) {
            return new Outcome(null, error, cause);
        }
    }

    /** Just enough of the state machine semantics to reach every JSONata expression of the covered shapes. */
    private static final class Walker {

        private final JsonNode definition;
        private final boolean topLevelJsonata;
        private final Map<String, JsonNode> variables = new HashMap<>();

        Walker(JsonNode definition) {
            this.definition = definition;
            this.topLevelJsonata = "JSONata".equals(definition.path("QueryLanguage").asText());
        }

        Outcome run(JsonNode input) {
            String name = definition.get("StartAt").asText();
            JsonNode data = input;
            for (int steps = 0; steps < 100; steps++) {
                JsonNode state = definition.get("States").get(name);
                boolean jsonata = state.has("QueryLanguage")
                        ? "JSONata".equals(state.get("QueryLanguage").asText())
                        : topLevelJsonata;
                String type = state.get("Type").asText();
                if ("Fail".equals(type)) {
                    requireJsonata(jsonata, state);
                    return Outcome.failed(failField(state, "Error", data), failField(state, "Cause", data));
                }
                Next next = switch (type) {
                    case "Pass" -> pass(state, data, jsonata);
                    case "Choice" -> choice(state, data, jsonata);
                    case "Map" -> map(state, data, jsonata);
                    case "Succeed" -> new Next(null, data);
                    default -> throw new TestAbortedException(type + " states are not replayed");
                };
                if (next.state == null) {
                    return Outcome.succeeded(next.output);
                }
                name = next.state;
                data = next.output;
            }
            throw new TestAbortedException("more than 100 transitions");
        }

        private record Next(String state, JsonNode output) {
        }

        private Next pass(JsonNode state, JsonNode input, boolean jsonata) {
            onlyFields(state, PASS_FIELDS);
            JsonNode states = statesOf(input, null);
            JsonNode output = input;
            if (state.has("Output")) {
                requireJsonata(jsonata, state);
                output = evaluate(state.get("Output"), states, "Output");
            }
            assign(state.get("Assign"), states, jsonata);
            return new Next(following(state), output);
        }

        private Next choice(JsonNode state, JsonNode input, boolean jsonata) {
            requireJsonata(jsonata, state);
            JsonNode states = statesOf(input, null);
            for (JsonNode rule : state.get("Choices")) {
                JsonNode condition = rule.get("Condition");
                if (condition == null) {
                    throw new TestAbortedException("a Choice rule without Condition");
                }
                JsonNode verdict = JsonataExpressions.isExpression(condition)
                        ? JsonataExpressions.evaluateAs(condition.asText(), states, variables::get, "Condition",
                                ExpectedType.BOOLEAN)
                        : condition;
                if (verdict.asBoolean()) {
                    return leaveChoice(rule, rule.get("Next").asText(), state, states, input);
                }
            }
            if (!state.has("Default")) {
                throw new TestAbortedException("no Choice rule matched and there is no Default (States.NoChoiceMatched)");
            }
            return leaveChoice(state, state.get("Default").asText(), state, states, input);
        }

        private Next leaveChoice(JsonNode holder, String next, JsonNode state, JsonNode states, JsonNode input) {
            JsonNode output = holder.has("Output") ? evaluate(holder.get("Output"), states, "Output") : input;
            assign(holder.get("Assign"), states, true);
            return new Next(next, output);
        }

        private Next map(JsonNode state, JsonNode input, boolean jsonata) {
            requireJsonata(jsonata, state);
            onlyFields(state, MAP_FIELDS);
            if (!state.has("Items")) {
                throw new TestAbortedException("a Map state without Items: its input check is the engine's");
            }
            JsonNode processor = state.get("ItemProcessor");
            if (processor.get("States").size() != 1) {
                throw new TestAbortedException("an ItemProcessor with more than one state");
            }
            JsonNode inner = processor.get("States").elements().next();
            if (!"Pass".equals(inner.get("Type").asText()) || inner.size() > 2) {
                throw new TestAbortedException("an ItemProcessor state other than a pass-through Pass");
            }
            JsonNode states = statesOf(input, null);
            JsonNode items = state.get("Items");
            JsonNode array = JsonataExpressions.isExpression(items)
                    ? JsonataExpressions.evaluateAs(items.asText(), states, variables::get, "Items", ExpectedType.ARRAY)
                    : evaluate(items, states, "Items");
            for (String field : List.of("MaxConcurrency", "ToleratedFailureCount", "ToleratedFailurePercentage")) {
                if (JsonataExpressions.isExpression(state.get(field))) {
                    JsonataExpressions.evaluateAs(state.get(field).asText(), states, variables::get, field,
                            ExpectedType.NUMBER);
                }
            }
            ArrayNode results = Json.NODES.arrayNode();
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (state.has("ItemSelector")) {
                    ObjectNode context = Json.NODES.objectNode();
                    context.putObject("Map").putObject("Item").put("Index", i).set("Value", item);
                    item = JsonataExpressions.evaluateTemplate(state.get("ItemSelector"), statesOf(input, context),
                            variables::get, "ItemSelector");
                }
                results.add(item);
            }
            JsonNode output = results;
            if (state.has("Output")) {
                throw new TestAbortedException("a Map state with Output");
            }
            assign(state.get("Assign"), states, true);
            return new Next(following(state), output);
        }

        private String failField(JsonNode state, String field, JsonNode input) {
            JsonNode value = state.get(field);
            if (value == null) {
                return null;
            }
            return JsonataExpressions.isExpression(value)
                    ? JsonataExpressions.evaluateAs(value.asText(), statesOf(input, null), variables::get, field,
                            ExpectedType.STRING).asText()
                    : value.asText();
        }

        private void assign(JsonNode assign, JsonNode states, boolean jsonata) {
            if (assign == null) {
                return;
            }
            Map<String, JsonNode> assigned = new HashMap<>();
            for (Map.Entry<String, JsonNode> member : assign.properties()) {
                if (!jsonata && member.getKey().endsWith(".$")) {
                    throw new TestAbortedException("a JSONPath Assign with paths");
                }
                assigned.put(member.getKey(), jsonata
                        ? JsonataExpressions.evaluateTemplate(member.getValue(), states, variables::get,
                                "Assign/" + member.getKey())
                        : member.getValue());
            }
            variables.putAll(assigned); // all values see the variables as they were before the state
        }

        private JsonNode evaluate(JsonNode template, JsonNode states, String field) {
            return JsonataExpressions.evaluateTemplate(template, states, variables::get, field);
        }

        private static JsonNode statesOf(JsonNode input, JsonNode context) {
            ObjectNode states = Json.NODES.objectNode();
            states.set("input", input);
            if (context != null) {
                states.set("context", context);
            }
            return states;
        }

        private static String following(JsonNode state) {
            return state.path("End").asBoolean() ? null : state.get("Next").asText();
        }

        private static void requireJsonata(boolean jsonata, JsonNode state) {
            if (!jsonata) {
                throw new TestAbortedException("a JSONPath " + state.get("Type").asText() + " state with data fields");
            }
        }

        private static void onlyFields(JsonNode state, Set<String> allowed) {
            for (Map.Entry<String, JsonNode> member : state.properties()) {
                if (!allowed.contains(member.getKey())) {
                    throw new TestAbortedException("field " + member.getKey() + " of a " + state.get("Type").asText()
                            + " state is not replayed here");
                }
            }
            if (Json.write(state).contains("$states.context") && !"Map".equals(state.get("Type").asText())) {
                throw new TestAbortedException("the expression reads $states.context, which this replay does not build");
            }
        }
    }

    /** JSON equality with numbers by value (1 equals 1.0), as the corpus README asks. */
    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.getNodeType() != b.getNodeType() || a.size() != b.size()) {
            return false;
        }
        if (a.isArray()) {
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject()) {
            for (Map.Entry<String, JsonNode> member : a.properties()) {
                JsonNode other = b.get(member.getKey());
                if (other == null || !sameValue(member.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
