package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Wait states park executions without holding a thread, and the Timestamp forms wait until their time. */
class WaitStateTest extends EngineTestSupport {

    @Test
    void aThousandParkedExecutionsHoldNoThreadEach() throws Exception {
        StateMachineRuntime machine = deploy("""
                {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 2, "End": true}}}""");
        int before = Thread.activeCount();
        List<CompletableFuture<ExecutionResult>> running = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            running.add(machine.start(json("{\"n\": " + i + "}"), null, Map.of(), List.of()));
        }
        // Camel's delayer uses one shared scheduler pool (10 threads), whatever the number of waiting executions
        int parked = Thread.activeCount() - before;
        assertTrue(parked <= 12, "threads added while 1000 executions wait: " + parked);
        assertTrue(running.stream().noneMatch(CompletableFuture::isDone), "all are waiting");
        for (int i = 0; i < running.size(); i++) {
            ExecutionResult result = running.get(i).get(30, TimeUnit.SECONDS);
            assertEquals(ExecutionStatus.SUCCEEDED, result.status());
            assertEquals(i, result.output().get("n").intValue());
        }
    }

    @Test
    void timestampPathInThePastGoesOnAtOnceAndABadOneIsARuntimeError() throws Exception {
        String definition = """
                {"StartAt": "Until", "States": {"Until": {"Type": "Wait", "TimestampPath": "$.t", "End": true}}}""";
        assertEquals(ExecutionStatus.SUCCEEDED, run(definition, "{\"t\": \"2016-03-14T01:59:00Z\"}").status());
        ExecutionResult bad = run(definition, "{\"t\": \"2016-03-14 01:59:00Z\"}");
        assertEquals("States.Runtime", bad.error());
        assertTrue(bad.cause().endsWith("The TimestampPath parameter does not reference a valid ISO-8601 extended "
                + "offset date-time format string: $.t == 2016-03-14 01:59:00Z"), bad.cause());
    }

    @Test
    void historyRecordsEachStateWithAwsEventShapes() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": 1, "ResultPath": "$.a", "Next": "B"},
                 "B": {"Type": "Succeed"}}}""", "{}");
        List<String> types = result.history().stream().map(e -> e.get("type").asText()).toList();
        assertEquals(List.of("ExecutionStarted", "PassStateEntered", "PassStateExited", "SucceedStateEntered",
                "SucceedStateExited", "ExecutionSucceeded"), types);
        JsonNode exited = result.history().get(2);
        assertEquals("A", exited.at("/stateExitedEventDetails/name").asText());
        assertEquals("{\"a\":1}", exited.at("/stateExitedEventDetails/output").asText());
        assertEquals(2, exited.get("previousEventId").intValue());
    }
}
