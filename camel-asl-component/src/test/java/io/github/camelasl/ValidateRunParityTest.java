package io.github.camelasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionResult;
import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.engine.TaskTokens;
import io.github.camelasl.resource.ResourcePolicy;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.route.AllowedCamelHeaders;
import io.github.camelasl.store.InMemoryExecutionStore;
import io.github.camelasl.validation.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code validate} = {@code run}: a deployment refuses a definition exactly when validation reports an error, with
 * validation's own diagnostics, before any Task runs; never with another exception. A definition validation accepts
 * then runs, on an input that has every field its paths read, without a States.Runtime error other than a path that
 * selects nothing (AWS's own run-time error: its shape is sound, the input did not fit it). Driven over definitions
 * built from a table of field values (valid and not) for each state type, each placed at the top, in a Parallel branch
 * and in a Map's item processor, under a resource policy that lets {@code bean:}, {@code class:} and {@code log:}
 * Resources through to Camel (Resources under the default policy too); then over random pairs of those values.
 *
 * <p>AWS's wording for an invalid path: the corpus case
 * {@code scenarios_test_base_scenarios.TestBaseScenarios.test_illegal_escapes[ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION]__exception}
 * in {@code ../shared/conformance/validation} (SCHEMA_VALIDATION_FAILED, "must be a valid JSONPath ...").
 */
class ValidateRunParityTest {

    private static final ResourcePolicy LETS_CAMEL_DECIDE = ResourcePolicy.defaults()
            .withPatterns(List.of("bean:*", "class:*", "log:*"), List.of());

    /** State types: the state under test as written before a field is set. */
    private static final Map<String, String> STATES = Map.of(
            "Task", """
                    {"Type": "Task", "Resource": "direct:task", "Next": "Done"}""",
            "Pass", """
                    {"Type": "Pass", "Next": "Done"}""",
            "Choice", """
                    {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "Done"}],
                     "Default": "Done"}""",
            "Map", """
                    {"Type": "Map", "ItemsPath": "$.items", "Next": "Done",
                     "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}""");

    /** Per state type, a field (a JSON pointer into the state) and the values it is given, valid and not. */
    private static final Map<String, Map<String, List<String>>> FIELDS = new LinkedHashMap<>();

    static {
        // the malformed ones AWS refuses as "must be a valid JSONPath" (corpus: see the class comment), whatever
        // Jayway would make of them; each is in MALFORMED
        List<String> paths = List.of("\"$.a\"", "\"$.validation[\"", "\"$.a[0]]\"", "\"$.a)\"", "\"$$.Execution.Id\"",
                "\"$.a[0]xy\"", "\"$.a[0]]]\"", "\"$['a']xx\"", "\"$.a['b'] \"");
        List<String> templates = List.of("{\"x.$\": \"$.a\"}", "{\"x.$\": \"$.a[\"}", "{\"x.$\": \"States.Nope($.a)\"}",
                "{\"x.$\": \"States.Format('{}', $.a[)\"}");
        FIELDS.put("Task", Map.of(
                "/Resource", List.of("\"direct:task\"", "\"direct:nobody?timeout=10\"", "\"bean:present?method=hi\"",
                        "\"bean:absent\"", "\"class:com.example.Absent\"", "\"class:java.lang.String?method=length\"",
                        "\"log:x?noSuchOption=1\"", "\"direct:task?noSuchOption=1\"", "\"nosuch:x\"", "\"exec:ls\"",
                        "\"arn:aws:lambda:us-east-1:123456789012:function:f\""),
                "/ResultPath", List.of("\"$.r\"", "\"$.validation[\"", "\"$.a[0]]\"", "null"),
                "/InputPath", paths,
                "/OutputPath", paths,
                "/Parameters", templates,
                "/ResultSelector", List.of("{\"y.$\": \"$.r\"}", "{\"y.$\": \"$.r[\"}"),
                "/TimeoutSecondsPath", List.of("\"$.t\"", "\"$.t[\"")));
        FIELDS.put("Pass", Map.of(
                "/InputPath", paths,
                "/Parameters", templates,
                "/ResultPath", List.of("\"$.r\"", "\"$.validation[\"")));
        FIELDS.put("Choice", Map.of(
                "/Choices/0/Variable", paths,
                "/Choices/0/IsPresent", List.of("true")));
        FIELDS.put("Map", Map.of(
                "/ItemsPath", List.of("\"$.items\"", "\"$.items[\""),
                "/ItemSelector", templates,
                // a literal is read as written or refused: never wrapped round (review 17 item 3)
                "/MaxConcurrency", List.of("0", "2", "18446744073709551615", "18446744073709551616", "-1"),
                "/ResultWriter", List.of("{\"Resource\": \"arn:aws:states:::s3:putObject\", "
                        + "\"Parameters\": {\"Bucket\": \"b\", \"Prefix\": \"p\"}}"),
                "/ItemReader", List.of("{\"Resource\": \"direct:task\", \"ReaderConfig\": {\"InputType\": \"MANIFEST\"}}",
                        "{\"Resource\": \"bean:absent\", \"ReaderConfig\": {\"InputType\": \"JSON\"}}",
                        "{\"Resource\": \"direct:task\", \"ReaderConfig\": {\"InputType\": \"JSON\"}}")));
    }

    /** Values validation must refuse wherever they are set. */
    private static final java.util.Set<String> MALFORMED = java.util.Set.of("\"$.validation[\"", "\"$.a[0]]\"",
            "\"$.a)\"", "\"$.a[0]xy\"", "\"$.a[0]]]\"", "\"$['a']xx\"", "\"$.a['b'] \"", "{\"x.$\": \"$.a[\"}",
            "{\"y.$\": \"$.r[\"}", "\"$.t[\"", "\"$.items[\"", "-1");

    /** An input with every field the table's paths read, at the top and in each item of the outer Map. */
    private static final String INPUT = "{\"a\": {\"b\": 1}, \"items\": [{\"b\": 1}], \"t\": 5, \"r\": 1, "
            + "\"validation\": {}}";

    private static final List<String> PLACEMENTS = List.of("top", "branch", "item processor");

    /** A bean the registry holds: {@code bean:present?method=hi}. */
    public static final class Present {
        public String hi(String body) {
            return "{\"hi\": true}";
        }
    }

    private DefaultCamelContext camel;
    private ScheduledExecutorService timers;
    private final AtomicInteger taskCalls = new AtomicInteger();
    private final List<String> violations = new ArrayList<>();
    private int definitions;
    private int executions;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("present", new Present());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:task").process(e -> {
                    taskCalls.incrementAndGet();
                    e.getMessage().setBody("{\"r\": 1}");
                });
            }
        });
        // each deployment's routes are stopped when it is undeployed: nothing is in flight, so don't wait for it
        camel.getShutdownStrategy().setTimeout(1);
        camel.start();
        timers = Executors.newScheduledThreadPool(1);
    }

    @AfterEach
    void stop() {
        timers.shutdownNow();
        camel.stop();
    }

    @Test
    void whatRunRefusesValidateReportsAndNothingElse() throws Exception {
        for (String type : FIELDS.keySet()) {
            FIELDS.get(type).forEach((field, values) -> {
                for (String value : values) {
                    for (String placement : PLACEMENTS) {
                        String definition = definition(type, Map.of(field, value), placement);
                        if (check(definition, LETS_CAMEL_DECIDE) && MALFORMED.contains(value)) {
                            violations.add(definition + "\n  validate accepted " + field + " = " + value);
                        }
                        if (field.endsWith("Resource")) {
                            check(definition(type, Map.of(field, value), placement), ResourcePolicy.defaults());
                        }
                    }
                }
            });
        }
        Random random = new Random(17);
        List<String> types = List.copyOf(FIELDS.keySet());
        for (int i = 0; i < 60; i++) {
            String type = types.get(random.nextInt(types.size()));
            Map<String, String> fields = new LinkedHashMap<>();
            for (int n = 0; n < 2; n++) {
                List<String> names = List.copyOf(FIELDS.get(type).keySet());
                String field = names.get(random.nextInt(names.size()));
                List<String> values = FIELDS.get(type).get(field);
                fields.put(field, values.get(random.nextInt(values.size())));
            }
            check(definition(type, fields, PLACEMENTS.get(random.nextInt(PLACEMENTS.size()))),
                    random.nextBoolean() ? ResourcePolicy.defaults() : LETS_CAMEL_DECIDE);
        }
        assertTrue(definitions > 250, "definitions driven: " + definitions);
        assertEquals(List.of(), violations, violations.size() + " of " + definitions + " definitions");
        assertTrue(executions > 80, "executions run: " + executions);
    }

    /**
     * Validates, then deploys and runs: the property holds for this definition, or a violation is recorded.
     *
     * @return whether validation accepted the definition
     */
    private boolean check(String definition, ResourcePolicy policy) {
        definitions++;
        AslDeployer deployer = new AslDeployer(camel, new InMemoryExecutionStore(),
                new ResourceResolvers(camel, List.of()), timers, new TaskTokens(), policy, AllowedCamelHeaders.NONE);
        int callsBefore = taskCalls.get();
        List<Diagnostic> diagnostics = deployer.validate(definition, "STANDARD");
        if (taskCalls.get() != callsBefore) {
            violations.add(definition + "\n  validation called a Task");
        }
        List<Diagnostic> errors = diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
        StateMachineRuntime runtime;
        try {
            runtime = deployer.deploy("parity", definition, StateMachineConfig.of("parity" + definitions));
        } catch (AslValidationException refused) {
            if (!refused.diagnostics().equals(errors)) {
                violations.add(definition + "\n  run refused with " + refused.diagnostics() + "\n  validate said "
                        + diagnostics);
            }
            return errors.isEmpty();
        } catch (Exception other) {
            violations.add(definition + "\n  run refused with " + other + "\n  validate said " + diagnostics);
            return errors.isEmpty();
        }
        try {
            if (!errors.isEmpty()) {
                violations.add(definition + "\n  validate reported " + errors + "\n  but run accepted it");
                return false;
            }
            executions++;
            ExecutionResult result = runtime.start(Json.parse(INPUT), "e" + definitions, Map.of(), List.of())
                    .get(10, TimeUnit.SECONDS);
            if ("States.Runtime".equals(result.error()) && !selectsNothing(result.cause())) {
                violations.add(definition + "\n  validate accepted it, but it failed with States.Runtime: "
                        + result.cause());
            }
            return true;
        } catch (Exception e) {
            violations.add(definition + "\n  its execution did not end: " + e);
            return true;
        } finally {
            try {
                runtime.undeploy();
            } catch (Exception e) {
                violations.add(definition + "\n  undeploy failed: " + e);
            }
        }
    }

    /** A path that found nothing in the data it read: the input's doing, which AWS also reports at run time. */
    private static boolean selectsNothing(String cause) {
        return cause != null && (cause.contains("could not be found in") || cause.contains("Invalid path '")
                && (cause.contains("No results for path") || cause.contains("Missing property")));
    }

    /** The state of {@code type} with {@code fields} set, placed at the top, in a Parallel branch or in a Map. */
    private static String definition(String type, Map<String, String> fields, String placement) {
        try {
            ObjectNode state = (ObjectNode) Json.parse(STATES.get(type));
            for (Map.Entry<String, String> field : fields.entrySet()) {
                set(state, field.getKey(), Json.parse(field.getValue()));
            }
            ObjectNode machine = (ObjectNode) Json.parse("""
                    {"StartAt": "S", "States": {"Done": {"Type": "Succeed"}}}""");
            switch (placement) {
                case "top" -> ((ObjectNode) machine.get("States")).set("S", state);
                case "branch", "item processor" -> {
                    ObjectNode inner = (ObjectNode) Json.parse("""
                            {"StartAt": "S", "States": {"Done": {"Type": "Succeed"}}}""");
                    ((ObjectNode) inner.get("States")).set("S", state);
                    state.put("Next", "Done");
                    ObjectNode outer = placement.equals("branch")
                            ? (ObjectNode) Json.parse("{\"Type\": \"Parallel\", \"Next\": \"Done\"}")
                            : (ObjectNode) Json.parse("{\"Type\": \"Map\", \"ItemsPath\": \"$.items\", "
                                    + "\"ItemSelector\": {\"a.$\": \"$$.Map.Item.Value\", \"items\": [1], \"t\": 5}, "
                                    + "\"Next\": \"Done\"}");
                    if (placement.equals("branch")) {
                        ((ArrayNode) outer.putArray("Branches")).add(inner);
                    } else {
                        outer.set("ItemProcessor", inner);
                    }
                    // the outer state is S; the state under test is S in the inner machine: rename it
                    ((ObjectNode) inner.get("States")).remove("S");
                    ((ObjectNode) inner.get("States")).set("Inner", state);
                    inner.put("StartAt", "Inner");
                    ((ObjectNode) inner.get("States")).remove("Done");
                    ((ObjectNode) inner.get("States")).set("InnerDone", Json.parse("{\"Type\": \"Succeed\"}"));
                    retarget(state, "Done", "InnerDone");
                    ((ObjectNode) machine.get("States")).set("S", outer);
                }
                default -> throw new IllegalArgumentException(placement);
            }
            return Json.write(machine);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets the field at {@code pointer} (its parent exists) to {@code value}. */
    private static void set(ObjectNode state, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = slash == 0 ? state : state.at(pointer.substring(0, slash));
        ((ObjectNode) parent).set(pointer.substring(slash + 1), value);
    }

    /** Every Next and Default naming {@code from} in the state (its Choices too) names {@code to}. */
    private static void retarget(JsonNode node, String from, String to) {
        if (node instanceof ObjectNode object) {
            for (String name : List.of("Next", "Default")) {
                if (from.equals(object.path(name).asText(null))) {
                    object.put(name, to);
                }
            }
            object.elements().forEachRemaining(child -> retarget(child, from, to));
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(child -> retarget(child, from, to));
        }
    }
}
