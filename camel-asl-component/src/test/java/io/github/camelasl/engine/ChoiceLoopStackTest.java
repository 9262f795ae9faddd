package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The driver is a loop, not recursion: a Choice back-edge runs a million times on a small, flat stack. */
class ChoiceLoopStackTest extends EngineTestSupport {

    private static final String COUNTER_LOOP = """
            {"StartAt": "Increment", "States": {
              "Increment": {"Type": "Pass",
                            "Parameters": {"i.$": "States.MathAdd($.i, 1)", "limit.$": "$.limit"}, "Next": "More?"},
              "More?": {"Type": "Choice",
                        "Choices": [{"Variable": "$.i", "NumericLessThanPath": "$.limit", "Next": "Increment"}],
                        "Default": "Done"},
              "Done": {"Type": "Succeed"}}}
            """;

    @Test
    void aMillionIterationsOnA256KibStack() throws Exception {
        StateMachineRuntime machine = deploy(COUNTER_LOOP);
        JsonNode input = Json.parse("{\"i\": 0, \"limit\": 1000000}");
        CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
        // the driver runs on the starting thread until something asynchronous happens: give it a small stack
        Thread small = new Thread(null, () -> machine.start(input, null, Map.of(), List.of()).whenComplete((r, e) -> result.complete(r)), "small-stack", 256 * 1024);
        small.start();
        ExecutionResult done = result.get(10, TimeUnit.MINUTES);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done.error() + ": " + done.cause());
        assertEquals(1_000_000, done.output().get("i").intValue());
    }
}
