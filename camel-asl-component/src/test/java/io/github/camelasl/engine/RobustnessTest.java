package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.dataflow.Json;
import io.github.camelasl.history.HistoryListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** Faults that must end an execution with an answer, never hang it or leak resources. */
class RobustnessTest extends EngineTestSupport {

    @Override
    protected void configure(CamelContext camel) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:boom").throwException(new IllegalStateException("boom"));
            }
        });
    }

    @Test
    void aCatchThatCannotBeAppliedInsideAMapFailsTheExecutionInsteadOfHangingIt() throws Exception {
        // the Catch's variable (three copies of a 30 KiB input) is over a 64 KiB payload cap, so a variable's too
        String blob = "x".repeat(30 * 1024);
        ExecutionResult result = deploy("""
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 1, "ItemsPath": "$.items",
                  "ItemProcessor": {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "direct:boom",
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done", "Assign": {"big.$":
                      "States.Format('{}{}{}', $$.Execution.Input.blob, $$.Execution.Input.blob, $$.Execution.Input.blob)"}}],
                    "End": true},
                    "Done": {"Type": "Succeed"}}}, "End": true}}}""",
                new ExecutionLimits(ExecutionLimits.Mode.DEFAULT, 64 * 1024, null, null))
                .start(json("{\"items\": [1, 2, 3], \"blob\": \"" + blob + "\"}"), null, Map.of(), List.of())
                .get(60, TimeUnit.SECONDS);
        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals("States.DataLimitExceeded", result.error());
    }

    @Test
    void aFailingHistoryListenerDoesNotKeepTheCallerWaiting() throws Exception {
        HistoryListener broken = event -> {
            throw new IllegalStateException("listener down");
        };
        ExecutionResult result = deploy("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}""")
                .start(json("{\"a\": 1}"), null, Map.of(), List.of(broken)).get(10, TimeUnit.SECONDS);
        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        assertEquals(json("{\"a\": 1}"), result.output());
    }

    @Test
    void statesRuntimeIsNotCaughtEvenWhenNamed() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "Read", "States": {"Read": {"Type": "Parallel", "Branches": [{"StartAt": "P",
                  "States": {"P": {"Type": "Pass", "InputPath": "$.missing", "End": true}}}],
                  "Catch": [{"ErrorEquals": ["States.Runtime"], "Next": "Caught"}, {"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
                  "Caught": {"Type": "Pass", "Result": "caught", "End": true}}}""", "{}");
        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals("States.Runtime", result.error());
    }

    @Test
    void aRuntimeErrorInAnIterationFailsTheMapWhateverItTolerates() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ToleratedFailurePercentage": 100,
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.missing",
                    "End": true}}}, "End": true}}}""", "[{}, {}]");
        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals("States.Runtime", result.error());
    }

    @Test
    void aSecondExecutionWithTheSameNameIsRefused() throws Exception {
        StateMachineRuntime machine = deploy("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}""");
        machine.start(json("{}"), "same", Map.of(), List.of()).get(10, TimeUnit.SECONDS);
        AslError refused = assertThrows(AslError.class, () -> machine.start(json("{}"), "same", Map.of(), List.of()));
        assertEquals("ExecutionAlreadyExists", refused.error());
    }

    @Test
    void undeployingShutsDownTheMapThreadPools() throws Exception {
        String definition = """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemProcessor": {"StartAt": "P",
                  "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}""";
        for (int round = 0; round < 3; round++) {
            StateMachineRuntime machine = deploy(definition);
            machine.start(Json.parse("[1,2,3,4,5,6,7,8,9,10]"), null, Map.of(), List.of()).get(10, TimeUnit.SECONDS);
            machine.undeploy();
        }
        Thread.sleep(200);
        long mapThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().contains("-map-") && t.isAlive()).count();
        assertTrue(mapThreads == 0, "map threads left after undeploy: " + mapThreads);
    }
}
