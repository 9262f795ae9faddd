package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** AWS runs an EXPRESS execution at most 5 minutes; here a shorter maximum stands in for it. */
class ExpressMaxDurationTest extends EngineTestSupport {

    private static final String LONG_WAIT = """
            {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 99999999, "End": true}}}""";

    private StateMachineRuntime deploy(String definition, String type, Duration expressMax) throws Exception {
        StateMachineRuntime runtime = deployer().deploy("test", definition,
                StateMachineConfig.of("test").withType(type));
        runtime.expressMaxDurationForTests(expressMax);
        return runtime;
    }

    private static ExecutionResult run(StateMachineRuntime runtime) throws Exception {
        return runtime.start(json("{}"), null, Map.of(), List.of()).get(30, TimeUnit.SECONDS);
    }

    @Test
    void anExpressExecutionPastTheMaximumTimesOutWithStatesTimeout() throws Exception {
        StateMachineRuntime runtime = deploy(LONG_WAIT, "EXPRESS", Duration.ofMillis(200));
        ExecutionResult result = run(runtime);
        assertEquals(ExecutionStatus.TIMED_OUT, result.status());
        assertEquals("States.Timeout", result.error());
        assertEquals("The execution ran longer than an EXPRESS state machine's maximum of 200 ms.", result.cause());
        JsonNode last = result.history().get(result.history().size() - 1);
        assertEquals("ExecutionTimedOut", last.get("type").asText());
        assertEquals("States.Timeout", last.at("/executionTimedOutEventDetails/error").asText());
        assertEquals(result.cause(), last.at("/executionTimedOutEventDetails/cause").asText());
    }

    @Test
    void aShorterTimeoutSecondsStillEndsAnExpressExecutionAsItDid() throws Exception {
        StateMachineRuntime runtime = deploy("""
                {"StartAt": "Nap", "TimeoutSeconds": 1, "States": {"Nap": {"Type": "Wait", "Seconds": 99999999,
                  "End": true}}}""", "EXPRESS", Duration.ofMinutes(1));
        ExecutionResult result = run(runtime);
        assertEquals(ExecutionStatus.TIMED_OUT, result.status());
        assertNull(result.error());
        assertEquals("ExecutionTimedOut", result.history().get(result.history().size() - 1).get("type").asText());
    }

    @Test
    void theMaximumBindsAnExpressExecutionWithALongerTimeoutSeconds() throws Exception {
        StateMachineRuntime runtime = deploy("""
                {"StartAt": "Nap", "TimeoutSeconds": 99999999, "States": {"Nap": {"Type": "Wait",
                  "Seconds": 99999999, "End": true}}}""", "EXPRESS", Duration.ofMillis(200));
        ExecutionResult result = run(runtime);
        assertEquals(ExecutionStatus.TIMED_OUT, result.status());
        assertEquals("States.Timeout", result.error());
    }

    @Test
    void aStandardExecutionHasNoSuchMaximum() throws Exception {
        StateMachineRuntime runtime = deploy("""
                {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 1, "End": true}}}""",
                "STANDARD", Duration.ofMillis(100));
        ExecutionResult result = run(runtime);
        assertTrue(result.succeeded(), result.toString());
    }

    @Test
    void theMaximumIsAwsFiveMinutes() {
        assertEquals(300, StateMachineRuntime.EXPRESS_MAX_SECONDS);
    }

    @Override
    protected void configure(org.apache.camel.CamelContext camel) throws Exception {
        camel.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:answer").setBody(constant("{\"ok\": true}"));
            }
        });
    }

    /**
     * An EXPRESS execution still going after its first states (here in a Wait) schedules its maximum, and cancels
     * it when it ends: in a JDK pool (asl serve's) a cancelled timer, with the execution it holds, would stay
     * queued for 5 minutes unless the pool drops it.
     */
    @Test
    void aFinishedExpressExecutionLeavesNoTimerQueued() throws Exception {
        java.util.concurrent.ScheduledThreadPoolExecutor pool = new java.util.concurrent.ScheduledThreadPoolExecutor(1);
        try {
            StateMachineRuntime runtime = new io.github.camelasl.AslDeployer(context, store,
                    new io.github.camelasl.resource.ResourceResolvers(context, List.of()), pool)
                    .deploy("napper", "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", "
                            + "\"Seconds\": 1, \"End\": true}}}",
                            StateMachineConfig.of("napper").withType("EXPRESS"));
            List<java.util.concurrent.CompletableFuture<ExecutionResult>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                runs.add(runtime.start(json("{}"), null, Map.of(), List.of()));
            }
            for (var started : runs) {
                assertEquals(ExecutionStatus.SUCCEEDED, started.get(30, TimeUnit.SECONDS).status());
            }
            assertTrue(pool.getTaskCount() >= 5, "the waiting executions had their maximum scheduled");
            assertEquals(0, pool.getQueue().size(), "timers still queued");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One that ends within its first run of states (Pass states, or Tasks on synchronous endpoints, as W1 and W6)
     * never schedules the maximum.
     */
    @Test
    void anExpressExecutionThatEndsAtOnceSchedulesNoTimer() throws Exception {
        java.util.concurrent.ScheduledThreadPoolExecutor pool = new java.util.concurrent.ScheduledThreadPoolExecutor(1);
        try {
            StateMachineRuntime runtime = new io.github.camelasl.AslDeployer(context, store,
                    new io.github.camelasl.resource.ResourceResolvers(context, List.of()), pool)
                    .deploy("quick", "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"Next\": \"T\"}, "
                            + "\"T\": {\"Type\": \"Task\", \"Resource\": \"direct:answer\", \"End\": true}}}",
                            StateMachineConfig.of("quick").withType("EXPRESS"));
            for (int i = 0; i < 20; i++) {
                assertEquals(ExecutionStatus.SUCCEEDED, run(runtime).status());
            }
            assertEquals(0, pool.getTaskCount(), "timers scheduled");
        } finally {
            pool.shutdownNow();
        }
    }
}
