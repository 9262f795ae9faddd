package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.store.SqliteExecutionStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Parallel branch's failure fails the Parallel at once, and a Map iteration's the Map (ToleratedFailureCount 0):
 * the sibling runs still going are stopped, even one in the middle of a long Wait or a retry's back-off, so the
 * state's Catch applies, or the execution fails, right away (AWS: "If any branch fails ... the entire Parallel
 * state fails", and the others are stopped). Before the fix a sibling already in its Wait held the state until the
 * Wait ended (or the execution timed out); one that had not yet begun its Wait stopped at once: which one ran
 * first decided, a race. Every scenario runs several executions at once, with the failing run both before and
 * after the waiting one, in the in-memory and the SQLite store.
 *
 * <p>The siblings wait 30 s and the executions may run 60 s (TimeoutSeconds): each must end within a bounded 15 s,
 * which only a stopped sibling allows (a bounded wait for the end, not a measure of speed).
 */
class FanOutFailureStopsSiblingsTest extends EngineTestSupport {

    private static final int RUNS = 6;
    private static final long BOUND_SECONDS = 15;

    @TempDir
    Path folder;
    private SqliteExecutionStore sqlite;

    @AfterEach
    void closeStore() {
        if (sqlite != null) {
            sqlite.close();
        }
    }

    private StateMachineRuntime deployOn(String store, String definition) throws Exception {
        if ("memory".equals(store)) {
            return deploy(definition);
        }
        sqlite = SqliteExecutionStore.open(folder);
        return deployer().withStore(sqlite).deploy("test", definition, StateMachineConfig.of("test"));
    }

    /** Starts {@link #RUNS} executions at once and waits, bounded, for each to end. */
    private List<ExecutionResult> runAll(StateMachineRuntime machine, String input) throws Exception {
        List<CompletableFuture<ExecutionResult>> running = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            running.add(machine.start(Json.parse(input), null, Map.of(), List.of()));
        }
        List<ExecutionResult> results = new ArrayList<>();
        for (CompletableFuture<ExecutionResult> execution : running) {
            results.add(execution.get(BOUND_SECONDS, TimeUnit.SECONDS));
        }
        return results;
    }

    private static String branches(boolean failingFirst, String waiting, String failing) {
        return failingFirst ? failing + ", " + waiting : waiting + ", " + failing;
    }

    private static final String WAITING_BRANCH = """
            {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 30, "Next": "After"},
              "After": {"Type": "Pass", "End": true}}}""";
    private static final String FAILING_BRANCH = """
            {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Boom", "Cause": "branch failed"}}}""";
    /** Fails after its sibling has begun to wait. */
    private static final String FAILING_LATER_BRANCH = """
            {"StartAt": "Short", "States": {"Short": {"Type": "Wait", "Seconds": 1, "Next": "Boom"},
              "Boom": {"Type": "Fail", "Error": "Boom", "Cause": "branch failed"}}}""";

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void aBranchFailureFailsTheParallelWhileASiblingWaits(String store) throws Exception {
        for (boolean failingFirst : new boolean[] {true, false}) {
            StateMachineRuntime machine = deployOn(store, """
                    {"StartAt": "Both", "TimeoutSeconds": 60, "States": {"Both": {"Type": "Parallel",
                      "Branches": [%s], "End": true}}}""".formatted(
                    branches(failingFirst, WAITING_BRANCH, FAILING_BRANCH)));
            for (ExecutionResult result : runAll(machine, "{}")) {
                assertEquals(ExecutionStatus.FAILED, result.status(), result.cause());
                assertEquals("Boom", result.error());
                assertEquals("branch failed", result.cause());
                assertStoppedSiblingRecordedNothingMore(result.history());
            }
            closeStore();
            sqlite = null;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void theParallelsCatchGoesOnAtOnceWhileASiblingWaits(String store) throws Exception {
        StateMachineRuntime machine = deployOn(store, """
                {"StartAt": "Both", "TimeoutSeconds": 60, "States": {"Both": {"Type": "Parallel",
                  "Branches": [%s],
                  "Catch": [{"ErrorEquals": ["Boom"], "ResultPath": "$.caught", "Next": "Handled"}],
                  "Next": "Unreached"},
                  "Unreached": {"Type": "Fail", "Error": "Unreached"},
                  "Handled": {"Type": "Pass", "End": true}}}""".formatted(
                branches(false, WAITING_BRANCH, FAILING_BRANCH)));
        for (ExecutionResult result : runAll(machine, "{\"order\": 7}")) {
            assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result.cause());
            assertEquals(7, result.output().get("order").intValue());
            assertEquals("Boom", result.output().at("/caught/Error").asText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void aNestedWaitStopsWhenAnOuterBranchFails(String store) throws Exception {
        String nested = """
                {"StartAt": "Inner", "States": {"Inner": {"Type": "Parallel", "Branches": [%s, %s],
                  "End": true}}}""".formatted(WAITING_BRANCH, WAITING_BRANCH.replace("Nap", "Nap2")
                .replace("After", "After2"));
        StateMachineRuntime machine = deployOn(store, """
                {"StartAt": "Both", "TimeoutSeconds": 60, "States": {"Both": {"Type": "Parallel",
                  "Branches": [%s], "End": true}}}""".formatted(branches(false, nested, FAILING_BRANCH)));
        for (ExecutionResult result : runAll(machine, "{}")) {
            assertEquals(ExecutionStatus.FAILED, result.status(), result.cause());
            assertEquals("Boom", result.error());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void aRetryBackOffInASiblingStopsWhenABranchFails(String store) throws Exception {
        // a sibling's Task fails and is retried after 30 s: its back-off waits as a Wait state does
        context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler()); // the engine reports the failure: no log of it here
                from("direct:flaky").throwException(new IllegalStateException("not yet"));
            }
        });
        String retrying = """
                {"StartAt": "Flaky", "States": {"Flaky": {"Type": "Task", "Resource": "direct:flaky",
                  "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 30, "MaxAttempts": 3}],
                  "End": true}}}""";
        StateMachineRuntime machine = deployOn(store, """
                {"StartAt": "Both", "TimeoutSeconds": 60, "States": {"Both": {"Type": "Parallel",
                  "Branches": [%s, %s], "End": true}}}""".formatted(retrying, FAILING_LATER_BRANCH));
        for (ExecutionResult result : runAll(machine, "{}")) {
            assertEquals(ExecutionStatus.FAILED, result.status(), result.cause());
            assertEquals("Boom", result.error());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void aCallbackTaskWaitingForItsTokenStopsWhenABranchFails(String store) throws Exception {
        java.util.concurrent.atomic.AtomicInteger handedOut = new java.util.concurrent.atomic.AtomicInteger();
        context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:approvals").process(e -> handedOut.incrementAndGet()); // no one ever answers
            }
        });
        String asking = """
                {"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
                  "Resource": "direct:approvals.waitForTaskToken", "Parameters": {"token.$": "$$.Task.Token"},
                  "Next": "Approved"},
                  "Approved": {"Type": "Pass", "End": true}}}""";
        StateMachineRuntime machine = deployOn(store, """
                {"StartAt": "Both", "TimeoutSeconds": 60, "States": {"Both": {"Type": "Parallel",
                  "Branches": [%s, %s], "End": true}}}""".formatted(asking, FAILING_LATER_BRANCH));
        for (ExecutionResult result : runAll(machine, "{}")) {
            assertEquals(ExecutionStatus.FAILED, result.status(), result.cause());
            assertEquals("Boom", result.error());
            List<String> types = types(result.history());
            assertTrue(types.contains("TaskSubmitted"), types.toString());
            assertFalse(types.contains("TaskSucceeded"), types.toString());
            assertFalse(types.contains("PassStateEntered"), types.toString());
        }
        assertEquals(RUNS, handedOut.get(), "every Task handed out its token before the other branch failed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void anIterationFailureFailsTheMapWhileAnotherWaits(String store) throws Exception {
        StateMachineRuntime machine = deployOn(store, """
                {"StartAt": "Each", "TimeoutSeconds": 60, "States": {"Each": {"Type": "Map",
                  "ToleratedFailureCount": 0,
                  "ItemProcessor": {"StartAt": "Which", "States": {
                    "Which": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 2, "Next": "Boom"}],
                              "Default": "Nap"},
                    "Nap": {"Type": "Wait", "Seconds": 30, "End": true},
                    "Boom": {"Type": "Fail", "Error": "Boom", "Cause": "item 2"}}}, "End": true}}}""");
        // the failing item before, between and after the waiting ones
        for (String items : new String[] {"[2, 1, 3]", "[1, 2, 3]", "[1, 3, 2]"}) {
            for (ExecutionResult result : runAll(machine, items)) {
                assertEquals(ExecutionStatus.FAILED, result.status(), items + ": " + result.cause());
                assertEquals("Boom", result.error(), items);
                assertEquals("item 2", result.cause(), items);
                List<String> types = types(result.history());
                assertTrue(types.contains("MapIterationFailed"), items + ": " + types);
                assertTrue(types.contains("MapStateFailed"), items + ": " + types);
                assertTrue(types.contains("MapIterationAborted"), items + ": " + types);
            }
        }
    }

    /** The stopped Wait did not end: no WaitStateExited, no state after it. */
    private static void assertStoppedSiblingRecordedNothingMore(List<JsonNode> history) {
        List<String> types = types(history);
        assertFalse(types.contains("WaitStateExited"), types.toString());
        assertFalse(types.contains("PassStateEntered"), types.toString());
        assertEquals("ExecutionFailed", types.get(types.size() - 1));
        assertTrue(types.contains("ParallelStateFailed"), types.toString());
    }

    private static List<String> types(List<JsonNode> history) {
        return history.stream().map(e -> e.get("type").asText()).toList();
    }
}
