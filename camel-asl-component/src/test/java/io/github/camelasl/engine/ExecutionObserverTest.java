package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslComponent;
import io.github.camelasl.history.HistoryEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an ExecutionObserver is told: the Choice rule that decided, Retriers and Catchers, history events. */
class ExecutionObserverTest extends EngineTestSupport {

    private final AtomicInteger flakyCalls = new AtomicInteger();

    @Override
    protected void configure(CamelContext camel) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:flaky").process(e -> {
                    throw new IllegalStateException("busy #" + flakyCalls.incrementAndGet());
                });
                from("direct:echo").log("echo");
            }
        });
    }

    /** Writes down, in order, what it is told (events as "event ID TYPE"). */
    static final class Recorder implements ExecutionObserver {
        final List<String> told = Collections.synchronizedList(new ArrayList<>());
        final List<HistoryEvent> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void deployed(String stateMachineArn, String definition) {
            told.add("deployed " + stateMachineArn);
        }

        @Override
        public void executionRunning(String executionArn, String stateMachineArn, String definition) {
            told.add("running " + stateMachineArn);
        }

        @Override
        public void onEvent(String executionArn, HistoryEvent event) {
            events.add(event);
        }

        @Override
        public void choiceRuleMatched(String executionArn, String choiceState, int ruleIndex) {
            told.add("choice " + choiceState + " " + ruleIndex);
        }

        @Override
        public void retrying(String executionArn, String state, int retrierIndex, int attempt) {
            told.add("retry " + state + " " + retrierIndex + " " + attempt);
        }

        @Override
        public void caught(String executionArn, String state, int catcherIndex) {
            told.add("catch " + state + " " + catcherIndex);
        }

        List<String> decisions() {
            synchronized (told) {
                return told.stream().filter(t -> !t.startsWith("deployed") && !t.startsWith("running")).toList();
            }
        }
    }

    private static final String JSONPATH_CHOICE = """
            {"StartAt": "Check", "States": {
              "Check": {"Type": "Choice", "Choices": [
                  {"Variable": "$.n", "NumericLessThan": 0, "Next": "Negative"},
                  {"And": [{"Variable": "$.n", "NumericGreaterThan": 0}, {"Variable": "$.n", "IsNumeric": true}],
                   "Next": "Positive"}],
                "Default": "Zero"},
              "Negative": {"Type": "Pass", "End": true},
              "Positive": {"Type": "Pass", "End": true},
              "Zero": {"Type": "Succeed"}}}""";

    @Test
    void aJsonPathChoiceTellsTheIndexOfTheRuleThatDecidedAndMinusOneForDefault() throws Exception {
        Recorder recorder = new Recorder();
        StateMachineRuntime runtime = deploy(JSONPATH_CHOICE);
        runtime.addObserver(recorder);
        for (String input : List.of("{\"n\": 5}", "{\"n\": -1}", "{\"n\": 0}")) {
            assertEquals(ExecutionStatus.SUCCEEDED, start(runtime, input).status());
        }
        assertEquals(List.of("choice Check 1", "choice Check 0", "choice Check -1"), recorder.decisions());
    }

    @Test
    void aJsonataChoiceTellsTheIndexOfItsConditionAndDefault() throws Exception {
        Recorder recorder = new Recorder();
        StateMachineRuntime runtime = deploy("""
                {"QueryLanguage": "JSONata", "StartAt": "Size", "States": {
                  "Size": {"Type": "Choice", "Choices": [
                      {"Condition": "{% $states.input.n > 100 %}", "Next": "Big"},
                      {"Condition": "{% $states.input.n > 10 %}", "Next": "Medium"}],
                    "Default": "Small"},
                  "Big": {"Type": "Pass", "End": true},
                  "Medium": {"Type": "Pass", "End": true},
                  "Small": {"Type": "Pass", "End": true}}}""");
        runtime.addObserver(recorder);
        for (String input : List.of("{\"n\": 50}", "{\"n\": 500}", "{\"n\": 5}")) {
            assertEquals(ExecutionStatus.SUCCEEDED, start(runtime, input).status());
        }
        assertEquals(List.of("choice Size 1", "choice Size 0", "choice Size -1"), recorder.decisions());
    }

    @Test
    void aChoiceInsideAMapIsToldOncePerIteration() throws Exception {
        Recorder recorder = new Recorder();
        // an item processor of inline states runs in the engine; one with a Task runs through Camel's split
        for (String processorEnd : List.of("\"Type\": \"Pass\"", "\"Type\": \"Task\", \"Resource\": \"direct:echo\"")) {
            StateMachineRuntime runtime = deploy("""
                    {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1,
                      "ItemProcessor": {"StartAt": "Sign", "States": {
                        "Sign": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericLessThan": 0, "Next": "Neg"}],
                          "Default": "NonNeg"},
                        "Neg": {%s, "End": true},
                        "NonNeg": {"Type": "Pass", "End": true}}},
                      "End": true}}}""".formatted(processorEnd));
            runtime.addObserver(recorder);
            assertEquals(ExecutionStatus.SUCCEEDED, start(runtime, "{\"items\": [3, -2, 0]}").status());
        }
        List<String> perRun = List.of("choice Sign -1", "choice Sign 0", "choice Sign -1");
        List<String> both = new ArrayList<>(perRun);
        both.addAll(perRun);
        assertEquals(both, recorder.decisions());
    }

    @Test
    void retriersAndCatchersAreToldByIndexWithTheAttemptOfEachRetry() throws Exception {
        Recorder recorder = new Recorder();
        StateMachineRuntime runtime = deployer().deploy("test", """
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "direct:flaky",
                    "Retry": [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 5},
                              {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 2,
                               "BackoffRate": 1}],
                    "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Gave up"},
                              {"ErrorEquals": ["States.TaskFailed"], "Next": "Failed"}],
                    "End": true},
                  "Gave up": {"Type": "Fail"},
                  "Failed": {"Type": "Pass", "End": true}}}""",
                // retries at once: the back-off is not what is tested
                new StateMachineConfig("test", "STANDARD", "aws", "us-east-1", "123456789012", null, 0));
        runtime.addObserver(recorder);
        ExecutionResult result = runtime.start(json("{}"), null, Map.of(), List.of()).get(60, TimeUnit.SECONDS);
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result::cause);
        assertEquals(3, flakyCalls.get());
        assertEquals(List.of("retry Call 1 1", "retry Call 1 2", "catch Call 1"), recorder.decisions());
    }

    @Test
    void everyHistoryEventIsToldInIdOrderIncludingParallelBranchesAndMapIterations() throws Exception {
        Recorder recorder = new Recorder();
        StateMachineRuntime runtime = deploy("""
                {"StartAt": "Both", "States": {
                  "Both": {"Type": "Parallel", "Next": "Each", "Branches": [
                    {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "direct:echo", "End": true}}},
                    {"StartAt": "Rest", "States": {"Rest": {"Type": "Pass", "End": true}}}]},
                  "Each": {"Type": "Map", "ItemsPath": "$[1].items", "ItemProcessor": {"StartAt": "One",
                    "States": {"One": {"Type": "Pass", "End": true}}}, "End": true}}}""");
        runtime.addObserver(recorder);
        ExecutionResult result = start(runtime, "{\"items\": [1, 2]}");
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result::cause);
        List<String> told = recorder.events.stream().map(e -> e.id() + " " + e.type()).toList();
        List<String> recorded = runtime.history(result.executionArn()).stream()
                .map(e -> e.path("id").asLong() + " " + e.path("type").asText()).toList();
        assertEquals(recorded, told);
        assertTrue(told.stream().anyMatch(t -> t.endsWith(" ParallelStateStarted")), told::toString);
        assertEquals(2, told.stream().filter(t -> t.endsWith(" MapIterationSucceeded")).count(), told::toString);
        assertTrue(told.stream().anyMatch(t -> t.endsWith(" TaskSucceeded")), told::toString);
        assertEquals(List.of("deployed arn:aws:states:us-east-1:123456789012:stateMachine:test",
                "running arn:aws:states:us-east-1:123456789012:stateMachine:test"), recorder.told);
    }

    @Test
    void aDeployersObserverHearsItsDeploymentsPresentAndFutureUntilUndeployed() throws Exception {
        StateMachineRuntime before = deploy(JSONPATH_CHOICE);
        Recorder recorder = new Recorder();
        deployer().addExecutionObserver(recorder);
        assertEquals(List.of("deployed " + before.config().stateMachineArn()), recorder.told);
        StateMachineRuntime after = deployer().deploy("later", JSONPATH_CHOICE, StateMachineConfig.of("later"));
        start(before, "{\"n\": 1}");
        start(after, "{\"n\": 0}");
        assertEquals(List.of("choice Check 1", "choice Check -1"), recorder.decisions());
        deployer().addExecutionObserver(recorder); // again: still told once
        start(after, "{\"n\": -2}");
        assertEquals(List.of("choice Check 1", "choice Check -1", "choice Check 0"), recorder.decisions());
        after.undeploy();
        Recorder late = new Recorder();
        deployer().addExecutionObserver(late);
        assertEquals(List.of("deployed " + before.config().stateMachineArn()), late.told);
    }

    @Test
    void anObserverThatThrowsDoesNotStopTheExecution() throws Exception {
        StateMachineRuntime runtime = deploy(JSONPATH_CHOICE);
        runtime.addObserver(new ExecutionObserver() {
            @Override
            public void onEvent(String executionArn, HistoryEvent event) {
                throw new IllegalStateException("observer bug");
            }

            @Override
            public void choiceRuleMatched(String executionArn, String choiceState, int ruleIndex) {
                throw new IllegalStateException("observer bug");
            }
        });
        ExecutionResult result = start(runtime, "{\"n\": -4}");
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result::cause);
        assertEquals(json("{\"n\": -4}"), result.output());
    }

    /** A test's assertion failing in an observer (an AssertionError, not a RuntimeException) must not hang it. */
    @Test
    void anObserverThatFailsAnAssertionDoesNotLeaveTheExecutionRunning() throws Exception {
        StateMachineRuntime runtime = deploy(JSONPATH_CHOICE);
        runtime.addObserver(new ExecutionObserver() {
            @Override
            public void onEvent(String executionArn, HistoryEvent event) {
                throw new AssertionError("expected another event than " + event.type());
            }

            @Override
            public void choiceRuleMatched(String executionArn, String choiceState, int ruleIndex) {
                throw new AssertionError("expected another rule");
            }
        });
        ExecutionResult result = runtime.start(json("{\"n\": 2}"), null, Map.of(), List.of())
                .get(10, TimeUnit.SECONDS);
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result::cause);
        assertEquals(json("{\"n\": 2}"), result.output());
    }

    @Test
    void anObserverOutOfMemoryOrStackIsNotSwallowed() {
        DeploymentObservers observers = new DeploymentObservers("arn:sm", "{}", new ExecutionObservers());
        org.junit.jupiter.api.Assertions.assertThrows(StackOverflowError.class, () -> observers.add(
                new ExecutionObserver() {
                    @Override
                    public void deployed(String stateMachineArn, String definition) {
                        throw new StackOverflowError("deep");
                    }
                }));
    }

    @Test
    void theComponentsObserverHearsItsAslEndpointsStateMachines(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("signs.asl.json"), JSONPATH_CHOICE);
        Recorder recorder = new Recorder();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getComponent("asl", AslComponent.class).addExecutionObserver(recorder);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:start").to("asl:signs?definition=file:" + file);
                }
            });
            camel.start();
            camel.createProducerTemplate().requestBody("direct:start", "{\"n\": -3}", String.class);
        }
        assertEquals(List.of("deployed arn:aws:states:us-east-1:123456789012:stateMachine:signs",
                "running arn:aws:states:us-east-1:123456789012:stateMachine:signs", "choice Check 0"), recorder.told);
        assertEquals("ExecutionStarted", recorder.events.get(0).type());
    }

    private static ExecutionResult start(StateMachineRuntime runtime, String input) throws Exception {
        JsonNode in = json(input);
        return runtime.start(in, null, Map.of(), List.of()).get(60, TimeUnit.SECONDS);
    }
}
