package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Executions on a {@link VirtualClock}: time moves only when the test moves it, so a day's Wait takes no real
 * time, and every time the engine reads (history timestamps, the context object, Wait timestamps) is the clock's.
 */
class VirtualTimeTest extends EngineTestSupport {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    private static final long DAY_MILLIS = 86_400_000;

    private final VirtualClock clock = new VirtualClock(START);

    private StateMachineRuntime deployOnClock(String definition) throws Exception {
        return deployer().withClock(clock).deploy("test", definition, StateMachineConfig.of("test"));
    }

    /** Starts an execution and runs the clock until it ends. */
    private ExecutionResult runOnClock(StateMachineRuntime machine, String input) throws Exception {
        CompletableFuture<ExecutionResult> run = machine.start(json(input), null, Map.of(), List.of());
        assertTrue(clock.runUntil(run::isDone), "the execution ended; the clock is at " + clock.now());
        return run.getNow(null);
    }

    private static Instant timestamp(JsonNode event) {
        return Instant.parse(event.path("timestamp").asText());
    }

    private static JsonNode event(ExecutionResult result, String type) {
        return result.history().stream().filter(e -> e.path("type").asText().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + result.history()));
    }

    @Test
    void aDaysWaitTakesADayOfVirtualTime() throws Exception {
        StateMachineRuntime machine = deployOnClock("""
                {"StartAt": "Day", "States": {"Day": {"Type": "Wait", "Seconds": 86400, "End": true}}}""");
        CompletableFuture<ExecutionResult> run = machine.start(json("{\"n\": 1}"), null, Map.of(), List.of());
        clock.advance(Duration.ofHours(23));
        assertFalse(run.isDone(), "still waiting after 23 hours");

        assertTrue(clock.runUntil(run::isDone));

        ExecutionResult result = run.getNow(null);
        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        assertEquals(START, result.startDate());
        assertEquals(START.plusMillis(DAY_MILLIS), result.stopDate());
        assertEquals(START, timestamp(event(result, "WaitStateEntered")));
        assertEquals(START.plusMillis(DAY_MILLIS), timestamp(event(result, "WaitStateExited")));
        assertEquals(START.plusMillis(DAY_MILLIS), clock.now());
    }
}
