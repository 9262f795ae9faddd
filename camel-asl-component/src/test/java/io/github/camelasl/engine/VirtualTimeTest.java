package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslDeployer;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.SqliteExecutionStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executions on a {@link VirtualClock}: time moves only when the test moves it, so a day's Wait, a year's, and
 * exponential back-offs take milliseconds of real time, and every time the engine reads (history timestamps, the
 * context object, Wait timestamps, JSONata's $now()) and every timer it sets (Waits, back-offs, TimeoutSeconds,
 * HeartbeatSeconds, the execution's timeout) is the clock's, to the millisecond.
 */
class VirtualTimeTest extends EngineTestSupport {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    private static final long DAY_MILLIS = 86_400_000;

    private final VirtualClock clock = new VirtualClock(START);
    /** Calls of direct:flaky so far; it fails the first three. */
    private final AtomicInteger flakyCalls = new AtomicInteger();
    /** The tokens direct:approve was given. */
    private final List<String> askedTokens = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Where direct:approveLater sends its token's success to. */
    private final TaskTokens laterTokens = new TaskTokens();
    /** Where direct:async and direct:approveLater answer from: a thread the engine does not own. */
    private final java.util.concurrent.ExecutorService replies = java.util.concurrent.Executors.newSingleThreadExecutor();

    @org.junit.jupiter.api.AfterEach
    void stopReplies() {
        replies.shutdownNow();
    }

    @Override
    protected void configure(CamelContext camel) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:flaky").process(e -> {
                    if (flakyCalls.incrementAndGet() <= 3) {
                        throw new IllegalStateException("not yet (call " + flakyCalls.get() + ")");
                    }
                    e.getMessage().setBody("{\"done\": true}");
                });
                from("direct:slow").process(e -> {
                    Thread.sleep(100); // real work: the clock must wait for it rather than jump past it
                    e.getMessage().setBody("{\"slow\": \"done\"}");
                });
                from("direct:ask").log("asked, and no one will answer"); // a callback Task's token is never sent
                from("direct:approve").process(e -> askedTokens.add(Json.parse(e.getMessage().getBody(String.class))
                        .get("token").asText()));
                from("direct:approveLater").process(e -> { // as a seda route handing it to another app would
                    String token = Json.parse(e.getMessage().getBody(String.class)).get("token").asText();
                    replies.execute(() -> {
                        try {
                            Thread.sleep(20);
                            laterTokens.sendSuccess(token, Json.parse("{\"late\": \"but in time\"}"));
                        } catch (Exception failed) {
                            throw new IllegalStateException(failed);
                        }
                    });
                });
                from("direct:async").process(new org.apache.camel.support.AsyncProcessorSupport() {
                    @Override
                    public boolean process(org.apache.camel.Exchange exchange, org.apache.camel.AsyncCallback done) {
                        // answers later, from a thread the engine does not own (as an asynchronous endpoint does)
                        replies.execute(() -> {
                            try {
                                Thread.sleep(100);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            exchange.getMessage().setBody("{\"async\": \"done\"}");
                            done.done(false);
                        });
                        return false;
                    }
                });
            }
        });
    }

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

    /** The timestamps of the events of {@code type}, in order. */
    private static List<Instant> times(ExecutionResult result, String type) {
        return result.history().stream().filter(e -> e.path("type").asText().equals(type))
                .map(VirtualTimeTest::timestamp).toList();
    }

    private static Instant time(ExecutionResult result, String type) {
        List<Instant> times = times(result, type);
        assertEquals(1, times.size(), type + " in " + result.history());
        return times.get(0);
    }

    private static Instant at(long millisAfterStart) {
        return START.plusMillis(millisAfterStart);
    }

    @Test
    void aDaysWaitThenThreeExponentialRetriesTakeTheirVirtualTimeToTheMillisecond() throws Exception {
        StateMachineRuntime machine = deployOnClock("""
                {"StartAt": "Day", "States": {
                  "Day": {"Type": "Wait", "Seconds": 86400, "Next": "Call"},
                  "Call": {"Type": "Task", "Resource": "direct:flaky", "End": true,
                           "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 60, "BackoffRate": 2,
                                      "MaxAttempts": 3}]}}}""");
        CompletableFuture<ExecutionResult> run = machine.start(json("{}"), null, Map.of(), List.of());
        clock.advance(Duration.ofHours(23));
        assertFalse(run.isDone(), "still waiting after 23 hours");
        assertEquals(0, flakyCalls.get());

        assertTrue(clock.runUntil(run::isDone));

        ExecutionResult result = run.getNow(null);
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result.toString());
        assertEquals(json("{\"done\": true}"), result.output());
        assertEquals(START, result.startDate());
        assertEquals(START, time(result, "ExecutionStarted"));
        assertEquals(START, time(result, "WaitStateEntered"));
        assertEquals(at(DAY_MILLIS), time(result, "WaitStateExited"));
        long minute = 60_000;
        assertEquals(List.of(at(DAY_MILLIS), at(DAY_MILLIS + minute), at(DAY_MILLIS + 3 * minute),
                at(DAY_MILLIS + 7 * minute)), times(result, "TaskStarted"), "back-offs of 60, 120 and 240 s");
        assertEquals(3, times(result, "TaskFailed").size());
        assertEquals(at(DAY_MILLIS + 7 * minute), result.stopDate());
        assertEquals(at(DAY_MILLIS + 7 * minute), clock.now(), "the clock went no further than the end");
        assertEquals(0, clock.pendingTimers());
    }

    @Test
    void aYearsWaitTakesAYearOfVirtualTime() throws Exception {
        ExecutionResult result = runOnClock(deployOnClock("""
                {"StartAt": "Year", "States": {"Year": {"Type": "Wait", "Seconds": 31536000, "End": true}}}"""),
                "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        assertEquals(START.plus(Duration.ofDays(365)), result.stopDate());
        assertEquals(START.plus(Duration.ofDays(365)), time(result, "WaitStateExited"));
    }

    @Test
    void waitTimestampsAreRelativeToTheVirtualNow() throws Exception {
        // the virtual clock is in 2030: 2029 is its past (though the real clock's future) and 2030-01-02 its future
        StateMachineRuntime machine = deployOnClock("""
                {"StartAt": "Until", "States": {
                  "Until": {"Type": "Wait", "Timestamp": "2030-01-02T00:00:00Z", "Next": "Past"},
                  "Past": {"Type": "Wait", "TimestampPath": "$.past", "Next": "Future"},
                  "Future": {"Type": "Wait", "TimestampPath": "$.future", "End": true}}}""");

        ExecutionResult result = runOnClock(machine,
                "{\"past\": \"2029-06-01T00:00:00Z\", \"future\": \"2030-01-02T00:00:01.500Z\"}");

        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        assertEquals(List.of(at(DAY_MILLIS), at(DAY_MILLIS), at(DAY_MILLIS + 1_500)),
                times(result, "WaitStateExited"), "the timestamp in the virtual past passed at once");
    }

    @Test
    void theContextObjectAndJsonataNowReadTheVirtualClock() throws Exception {
        StateMachineRuntime machine = deployOnClock("""
                {"StartAt": "Hour", "States": {
                  "Hour": {"Type": "Wait", "Seconds": 3600, "Next": "Times"},
                  "Times": {"Type": "Pass", "Parameters": {"start.$": "$$.Execution.StartTime",
                                                           "entered.$": "$$.State.EnteredTime"}, "Next": "Now"},
                  "Now": {"Type": "Pass", "QueryLanguage": "JSONata",
                          "Output": {"start": "{% $states.input.start %}", "entered": "{% $states.input.entered %}",
                                     "now": "{% $now() %}", "millis": "{% $millis() %}",
                                     "enteredHere": "{% $states.context.State.EnteredTime %}"},
                          "End": true}}}""");

        ExecutionResult result = runOnClock(machine, "{}");

        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result.toString());
        JsonNode out = result.output();
        assertEquals(START, Instant.parse(out.get("start").asText()));
        assertEquals(at(3_600_000), Instant.parse(out.get("entered").asText()));
        assertEquals(at(3_600_000), Instant.parse(out.get("now").asText()));
        assertEquals(at(3_600_000).toEpochMilli(), out.get("millis").longValue());
        assertEquals(at(3_600_000), Instant.parse(out.get("enteredHere").asText()));
    }

    @Test
    void aCallbackTaskNoOneAnswersTimesOutAfterExactlyItsTimeoutSeconds() throws Exception {
        StateMachineRuntime machine = deployOnClock("""
                {"StartAt": "Ask", "States": {
                  "Ask": {"Type": "Task", "Resource": "direct:ask.waitForTaskToken", "TimeoutSeconds": 900,
                          "Parameters": {"token.$": "$$.Task.Token"}, "End": true}}}""");

        ExecutionResult result = runOnClock(machine, "{}");

        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals(ErrorNames.TIMEOUT, result.error());
        assertEquals(START, time(result, "TaskSubmitted"));
        assertEquals(at(900_000), time(result, "TaskTimedOut"));
        assertEquals(at(900_000), result.stopDate());
    }

    @Test
    void aCallbackTaskWithoutHeartbeatsFailsAfterExactlyItsHeartbeatSeconds() throws Exception {
        StateMachineRuntime machine = deployOnClock("""
                {"StartAt": "Ask", "States": {
                  "Ask": {"Type": "Task", "Resource": "direct:ask.waitForTaskToken", "TimeoutSeconds": 3600,
                          "HeartbeatSeconds": 45, "Parameters": {"token.$": "$$.Task.Token"}, "End": true}}}""");

        ExecutionResult result = runOnClock(machine, "{}");

        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals(ErrorNames.HEARTBEAT_TIMEOUT, result.error());
        assertEquals(at(45_000), time(result, "TaskTimedOut"));
        assertEquals(at(45_000), result.stopDate());
    }

    @Test
    void heartbeatsKeepACallbackTaskAliveUntilItsTokenIsSent()
            throws Exception {
        TaskTokens tokens = new TaskTokens();
        StateMachineRuntime machine = new AslDeployer(context, store, new ResourceResolvers(context, List.of()), null,
                tokens).withClock(clock).deploy("test", """
                        {"StartAt": "Approve", "States": {
                          "Approve": {"Type": "Task", "Resource": "direct:approve.waitForTaskToken",
                                      "HeartbeatSeconds": 60, "TimeoutSeconds": 3600,
                                      "Parameters": {"token.$": "$$.Task.Token"}, "End": true}}}""",
                StateMachineConfig.of("test"));
        CompletableFuture<ExecutionResult> run = machine.start(json("{}"), null, Map.of(), List.of());
        String token = askedTokens.get(0);
        for (int beat = 1; beat <= 5; beat++) { // a heartbeat every 50 s: the 60 s heartbeat never runs out
            clock.advance(Duration.ofSeconds(50));
            tokens.sendHeartbeat(token);
        }
        assertFalse(run.isDone(), "alive after 250 s, five heartbeats");

        tokens.sendSuccess(token, json("{\"approved\": true}"));

        ExecutionResult result = run.get(10, java.util.concurrent.TimeUnit.SECONDS); // the clock stands still
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), String.valueOf(result));
        assertEquals(json("{\"approved\": true}"), result.output());
        assertEquals(at(250_000), time(result, "TaskSucceeded"));
    }

    @Test
    void theExecutionsTimeoutSecondsEndsItInTheMiddleOfAWait() throws Exception {
        StateMachineRuntime machine = deployOnClock("""
                {"TimeoutSeconds": 7200, "StartAt": "Day", "States": {
                  "Day": {"Type": "Wait", "Seconds": 86400, "End": true}}}""");

        ExecutionResult result = runOnClock(machine, "{}");

        assertEquals(ExecutionStatus.TIMED_OUT, result.status());
        assertEquals(at(7_200_000), result.stopDate());
        assertEquals(at(7_200_000), time(result, "ExecutionTimedOut"));
        assertTrue(times(result, "WaitStateExited").isEmpty());
    }

    @Test
    void anExpressExecutionEndsAtTheExpressMaximumOfVirtualTime() throws Exception {
        StateMachineRuntime machine = deployer().withClock(clock).deploy("test", """
                {"StartAt": "Long", "States": {"Long": {"Type": "Wait", "Seconds": 3600, "End": true}}}""",
                StateMachineConfig.of("test").withType("EXPRESS"));

        ExecutionResult result = runOnClock(machine, "{}");

        assertEquals(ExecutionStatus.TIMED_OUT, result.status());
        assertEquals(ErrorNames.TIMEOUT, result.error());
        assertEquals(at(StateMachineRuntime.EXPRESS_MAX_SECONDS * 1000L), result.stopDate());
    }

    @Test
    void stopAndRedriveDatesAreTheClocks() throws Exception {
        StateMachineRuntime machine = deployOnClock("""
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "direct:flaky", "Next": "Nap"},
                  "Nap": {"Type": "Wait", "Seconds": 600, "End": true}}}""");
        CompletableFuture<ExecutionResult> first = machine.start(json("{}"), "e1", Map.of(), List.of());
        assertTrue(clock.runUntil(first::isDone));
        assertEquals(ExecutionStatus.FAILED, first.getNow(null).status(), "call 1 failed");
        String arn = first.getNow(null).executionArn();

        clock.advance(Duration.ofHours(1));
        assertEquals(at(3_600_000), machine.redrive(arn, List.of()));
        assertTrue(clock.runUntil(() -> store.find(arn).orElseThrow().status() != ExecutionStatus.RUNNING));
        assertEquals(ExecutionStatus.FAILED, store.find(arn).orElseThrow().status(), "call 2 failed too");
        assertEquals(at(3_600_000), store.find(arn).orElseThrow().redriveDate());
        assertEquals(List.of(at(3_600_000)), machine.history(arn).stream()
                .filter(e -> e.path("type").asText().equals("ExecutionRedriven")).map(VirtualTimeTest::timestamp)
                .toList());

        flakyCalls.set(3); // the next call succeeds
        CompletableFuture<ExecutionResult> second = machine.start(json("{}"), "e2", Map.of(), List.of());
        clock.advance(Duration.ofMinutes(4));
        assertEquals(at(3_840_000), machine.stop(machine.config().executionArn("e2"), "Stopped", "by the test"));
        assertTrue(clock.runUntil(second::isDone));
        assertEquals(ExecutionStatus.ABORTED, second.getNow(null).status());
        assertEquals(at(3_840_000), second.getNow(null).stopDate());
    }

    @Test
    void aRetryBackOffInAParallelBranchAndAWaitInTheOther() throws Exception {
        StateMachineRuntime machine = deployOnClock("""
                {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "direct:flaky", "End": true,
                     "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 10, "BackoffRate": 3,
                                "MaxAttempts": 3}]}}},
                  {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 100, "End": true}}}]}}}""");

        ExecutionResult result = runOnClock(machine, "{}");

        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result.toString());
        assertEquals(json("[{\"done\": true}, {}]"), result.output());
        // back-offs of 10, 30 and 90 s: the branch ends at 130 s, after the other branch's 100 s Wait
        assertEquals(List.of(at(0), at(10_000), at(40_000), at(130_000)), times(result, "TaskStarted"));
        assertEquals(at(100_000), time(result, "WaitStateExited"));
        assertEquals(at(130_000), time(result, "ParallelStateExited"));
    }

    @Test
    void waitsInMapIterationsRunSideBySideOrOneAfterTheOther() throws Exception {
        String map = """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": %d, "End": true,
                  "ItemProcessor": {"StartAt": "Nap", "States": {
                    "Nap": {"Type": "Wait", "SecondsPath": "$.s", "Next": "Done"},
                    "Done": {"Type": "Pass", "End": true}}}}}}""";
        String items = "[{\"s\": 30}, {\"s\": 10}, {\"s\": 20}]";

        ExecutionResult together = runOnClock(deployOnClock(map.formatted(0)), items);
        assertEquals(ExecutionStatus.SUCCEEDED, together.status(), together.toString());
        assertEquals(json(items), together.output());
        assertEquals(List.of(at(10_000), at(20_000), at(30_000)), times(together, "WaitStateExited"));
        assertEquals(at(30_000), time(together, "MapStateExited"));

        Instant second = clock.now();
        ExecutionResult oneByOne = runOnClock(deployOnClock(map.formatted(1)), items);
        assertEquals(ExecutionStatus.SUCCEEDED, oneByOne.status(), oneByOne.toString());
        assertEquals(List.of(second.plusSeconds(30), second.plusSeconds(40), second.plusSeconds(60)),
                times(oneByOne, "WaitStateExited"));
        assertEquals(second.plusSeconds(60), time(oneByOne, "MapStateExited"));
    }

    @Test
    void theClockWaitsForATaskDoingRealWorkRatherThanJumpPastIt() throws Exception {
        StateMachineRuntime machine = deployOnClock("""
                {"StartAt": "Before", "States": {
                  "Before": {"Type": "Wait", "Seconds": 10, "Next": "Work"},
                  "Work": {"Type": "Task", "Resource": "direct:slow", "Next": "After"},
                  "After": {"Type": "Wait", "Seconds": 10, "End": true}}}""");

        ExecutionResult result = runOnClock(machine, "{}");

        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result.toString());
        assertEquals(json("{\"slow\": \"done\"}"), result.output());
        assertEquals(at(10_000), time(result, "TaskSucceeded"), "virtual time stood still while it worked");
        assertEquals(List.of(at(10_000), at(20_000)), times(result, "WaitStateExited"));
    }

    @Test
    void theClockWaitsForTheReplyOfAnAsynchronousEndpoint() throws Exception {
        StateMachineRuntime machine = deployOnClock("""
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "direct:async", "Next": "After"},
                  "After": {"Type": "Wait", "Seconds": 10, "End": true}}}""");

        ExecutionResult result = runOnClock(machine, "{}");

        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result.toString());
        assertEquals(json("{\"async\": \"done\"}"), result.output());
        assertEquals(START, time(result, "TaskSucceeded"));
        assertEquals(at(10_000), time(result, "WaitStateExited"));
    }

    @Test
    void onSqliteAWaitLongerThanParkInMemorySecondsLeavesMemoryAndWakesOnTheVirtualTimer(@TempDir Path folder)
            throws Exception {
        try (SqliteExecutionStore sqlite = SqliteExecutionStore.open(folder)) {
            StateMachineRuntime machine = new AslDeployer(context, sqlite, new ResourceResolvers(context, List.of()),
                    null).withClock(clock).deploy("durable", """
                            {"StartAt": "Hour", "States": {
                              "Hour": {"Type": "Wait", "Seconds": 3600, "Next": "Done"},
                              "Done": {"Type": "Pass", "Result": "woke", "End": true}}}""",
                    StateMachineConfig.of("durable"));
            machine.parkInMemorySeconds(60);
            CompletableFuture<ExecutionResult> run = machine.start(json("{}"), "sleeper", Map.of(), List.of());
            clock.awaitIdle();

            ExecutionRecord parked = sqlite.find(machine.config().executionArn("sleeper")).orElseThrow();
            assertEquals(ExecutionStatus.RUNNING, parked.status());
            assertEquals(START, parked.startDate());
            assertEquals(java.util.Optional.of(at(3_600_000)), clock.nextTimer());
            assertTrue(sqlite.unfinished(machine.config().stateMachineArn()).size() == 1, "held by the store");

            assertTrue(clock.runUntil(run::isDone));

            ExecutionResult result = run.getNow(null);
            assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result.toString());
            assertEquals(json("\"woke\""), result.output());
            assertEquals(at(3_600_000), result.stopDate());
            ExecutionRecord stored = sqlite.find(result.executionArn()).orElseThrow();
            assertEquals(ExecutionStatus.SUCCEEDED, stored.status());
            assertEquals(at(3_600_000), stored.stopDate());
            assertEquals(at(3_600_000), timestamp(sqlite.events(result.executionArn()).stream()
                    .filter(e -> e.path("type").asText().equals("WaitStateExited")).findFirst().orElseThrow()));
        }
    }

    @Test
    void theSystemClockIsTheDefault() throws Exception {
        assertTrue(StateMachineConfig.of("x").clock() == EngineClock.system());
        assertEquals(StateMachineConfig.of("x"), StateMachineConfig.of("x").withClock(clock),
                "a clock changes no deployed state machine");
        assertTrue(StateMachineConfig.of("x").withClock(clock).withRegion("eu-west-1").clock() == clock,
                "kept by the other withers");
        Instant before = Instant.ofEpochMilli(System.currentTimeMillis());
        ExecutionResult result = run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""", "{}");
        assertFalse(result.startDate().isBefore(before), "real time: " + result.startDate());
        assertEquals(0, clock.pendingTimers());
    }

    /** A SendTaskSuccess while the clock stands still (start; send; await, as a kit test does) ends the Task. */
    @Test
    void aTokenSentWhileTheClockStandsStillEndsItsTaskWithoutMovingTheClock() throws Exception {
        TaskTokens tokens = new TaskTokens();
        StateMachineRuntime machine = new AslDeployer(context, store, new ResourceResolvers(context, List.of()), null,
                tokens).withClock(clock).deploy("test", """
                        {"StartAt": "Approve", "States": {
                          "Approve": {"Type": "Task", "Resource": "direct:approve.waitForTaskToken",
                                      "TimeoutSeconds": 3600, "Parameters": {"token.$": "$$.Task.Token"},
                                      "Next": "Done"},
                          "Done": {"Type": "Pass", "End": true}}}""",
                StateMachineConfig.of("test"));
        CompletableFuture<ExecutionResult> run = machine.start(json("{}"), null, Map.of(), List.of());

        tokens.sendSuccess(askedTokens.get(0), json("{\"approved\": true}"));

        ExecutionResult result = run.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), String.valueOf(result));
        assertEquals(json("{\"approved\": true}"), result.output());
        assertEquals(START, time(result, "TaskSucceeded"));
        assertEquals(START, clock.now(), "no one moved it");
        assertEquals(0, clock.pendingTimers(), "the TimeoutSeconds timer was cancelled");
    }

    /**
     * A Parallel branch waits for a token no one sends; its sibling's token is sent a failure while the clock stands
     * still: the waiting branch is stopped and the Parallel fails, with no one moving the clock.
     */
    @Test
    void aSiblingFailedWhileTheClockStandsStillStopsACallbackWaitWithoutMovingTheClock() throws Exception {
        TaskTokens tokens = new TaskTokens();
        StateMachineRuntime machine = new AslDeployer(context, store, new ResourceResolvers(context, List.of()), null,
                tokens).withClock(clock).deploy("test", """
                        {"StartAt": "Both", "States": {
                          "Both": {"Type": "Parallel", "End": true, "Branches": [
                            {"StartAt": "Wait for no one", "States": {
                              "Wait for no one": {"Type": "Task", "Resource": "direct:ask.waitForTaskToken",
                                  "TimeoutSeconds": 3600, "Parameters": {"token.$": "$$.Task.Token"}, "End": true}}},
                            {"StartAt": "Approve", "States": {
                              "Approve": {"Type": "Task", "Resource": "direct:approve.waitForTaskToken",
                                  "Parameters": {"token.$": "$$.Task.Token"}, "End": true}}}]}}}""",
                StateMachineConfig.of("test"));
        CompletableFuture<ExecutionResult> run = machine.start(json("{}"), null, Map.of(), List.of());
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (askedTokens.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        clock.awaitIdle(); // both branches wait for their tokens

        tokens.sendFailure(askedTokens.get(0), "Rejected", "no");

        ExecutionResult result = run.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(ExecutionStatus.FAILED, result.status(), String.valueOf(result));
        assertEquals("Rejected", result.error());
        assertEquals(START, clock.now(), "no one moved it");
    }

    /**
     * The Task's endpoint hands the token to a thread the engine does not own, which answers 20 ms later: the
     * engine looks idle meanwhile, and without a quiet period the clock would jump to the TimeoutSeconds timer.
     */
    @Test
    void withAQuietPeriodACallbackFromAThreadTheEngineDoesNotOwnBeatsTheTimeout() throws Exception {
        clock.quietPeriod(Duration.ofMillis(500));
        StateMachineRuntime machine = new AslDeployer(context, store, new ResourceResolvers(context, List.of()), null,
                laterTokens).withClock(clock).deploy("test", """
                        {"StartAt": "Approve", "States": {
                          "Approve": {"Type": "Task", "Resource": "direct:approveLater.waitForTaskToken",
                                      "TimeoutSeconds": 60, "Parameters": {"token.$": "$$.Task.Token"},
                                      "End": true}}}""",
                StateMachineConfig.of("test"));

        ExecutionResult result = runOnClock(machine, "{}");

        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), String.valueOf(result));
        assertEquals(json("{\"late\": \"but in time\"}"), result.output());
        assertEquals(START, time(result, "TaskSucceeded"));
    }

    /** The reply an execution waits for is named in the clock's errors without the endpoint's credentials. */
    @Test
    void anAwaitedEndpointIsNamedWithoutItsCredentials() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        context.addComponent("vault", new SilentComponent(answer, replies));
        clock.idleTimeout(Duration.ofMillis(300));
        StateMachineRuntime machine = deployOnClock("""
                {"StartAt": "Put", "States": {"Put": {"Type": "Task", "End": true,
                  "Resource": "vault:secrets?accessKey=AKIAEXAMPLE&secretKey=wJalrXUtnFEMIsecret"}}}""");
        CompletableFuture<ExecutionResult> run = machine.start(json("{}"), null, Map.of(), List.of());

        IllegalStateException waiting = assertThrows(IllegalStateException.class, clock::runUntilIdle);

        assertTrue(waiting.getMessage().contains("replies awaited from {task[vault:secrets?accessKey=xxxxxx&"
                + "secretKey=xxxxxx]=1}"), waiting.getMessage());
        assertFalse(waiting.getMessage().contains("AKIAEXAMPLE"), waiting.getMessage());
        assertFalse(waiting.getMessage().contains("wJalr"), waiting.getMessage());
        answer.countDown();
        assertTrue(clock.runUntil(run::isDone));
        assertEquals(ExecutionStatus.SUCCEEDED, run.getNow(null).status(), String.valueOf(run.getNow(null)));
    }

    /** Takes any option (as an AWS component takes accessKey and secretKey) and answers {} once let. */
    private static final class SilentComponent extends org.apache.camel.support.DefaultComponent {
        private final CountDownLatch answer;
        private final java.util.concurrent.Executor from;

        SilentComponent(CountDownLatch answer, java.util.concurrent.Executor from) {
            this.answer = answer;
            this.from = from;
        }

        @Override
        protected org.apache.camel.Endpoint createEndpoint(String uri, String remaining,
                Map<String, Object> parameters) {
            return new org.apache.camel.support.DefaultEndpoint(uri, this) {
                @Override
                public boolean isLenientProperties() {
                    return true;
                }

                @Override
                public org.apache.camel.Producer createProducer() {
                    return new org.apache.camel.support.DefaultAsyncProducer(this) {
                        @Override
                        public boolean process(org.apache.camel.Exchange exchange,
                                org.apache.camel.AsyncCallback callback) {
                            from.execute(() -> {
                                try {
                                    answer.await();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                                exchange.getMessage().setBody("{}");
                                callback.done(false);
                            });
                            return false;
                        }
                    };
                }

                @Override
                public org.apache.camel.Consumer createConsumer(org.apache.camel.Processor processor) {
                    throw new UnsupportedOperationException("a Task's endpoint only");
                }
            };
        }
    }
}
