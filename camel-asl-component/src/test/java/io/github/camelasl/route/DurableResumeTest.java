package io.github.camelasl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslComponent;
import io.github.camelasl.AslConstants;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.store.SqliteExecutionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STANDARD executions on the default durable store outlive the app that runs them: an app stopped while an
 * execution waits or runs a Task leaves it RUNNING at its last checkpoint, and the next app deploying the state
 * machine on the same store resumes it there. The states before the checkpoint do not run again, and every
 * state appears once in the history.
 */
class DurableResumeTest {

    @TempDir
    Path storeFolder;

    private static final String PARK = """
            {"StartAt": "Count", "States": {
              "Count": {"Type": "Task", "Resource": "direct:count", "ResultPath": "$.counted", "Next": "Park"},
              "Park": {"Type": "Wait", "Seconds": 2, "Next": "Done"},
              "Done": {"Type": "Task", "Resource": "direct:done", "ResultPath": "$.done", "End": true}}}""";

    private static final String WORK = """
            {"StartAt": "Prepare", "States": {
              "Prepare": {"Type": "Pass", "Result": "prepared", "ResultPath": "$.step", "Assign": {"seen": 1},
                          "Next": "Work"},
              "Work": {"Type": "Task", "Resource": "direct:work", "ResultPath": "$.work", "Next": "After"},
              "After": {"Type": "Pass", "Parameters": {"seen.$": "$seen", "work.$": "$.work"}, "End": true}}}""";

    @Test
    void aWaitParkedWhenTheAppStopsEndsOnTimeAfterTheRestart() throws Exception {
        Path definition = write("park.asl.json", PARK);
        AtomicInteger counted = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        String arn;
        try (CamelContext first = app(definition, routes -> {
            routes.from("direct:count").process(e -> e.getMessage().setBody(counted.incrementAndGet()));
            routes.from("direct:done").process(e -> e.getMessage().setBody(done.incrementAndGet()));
        })) {
            first.getShutdownStrategy().setTimeout(1); // a stop that does not wait for the Wait to end
            first.createProducerTemplate().asyncRequestBodyAndHeader("direct:start", "{\"order\":1}",
                    AslConstants.EXECUTION_NAME, "parked");
            ExecutionStore store = store(first);
            arn = awaitExecution(store, r -> true).executionArn();
            awaitTrue(() -> store.lastCheckpoint(arn).map(c -> c.waitUntil() != null).orElse(false),
                    "the Wait's due time is committed");
        }
        long stoppedAt = System.currentTimeMillis();
        assertEquals(0, done.get(), "the first app stopped during the Wait");

        try (CamelContext second = app(definition, routes -> {
            routes.from("direct:count").process(e -> e.getMessage().setBody(counted.incrementAndGet()));
            routes.from("direct:done").process(e -> e.getMessage().setBody(done.incrementAndGet()));
        })) {
            ExecutionStore store = store(second);
            ExecutionRecord finished = awaitExecution(store, r -> r.status() != ExecutionStatus.RUNNING);
            assertEquals(ExecutionStatus.SUCCEEDED, finished.status(), String.valueOf(finished.cause()));
            assertEquals("{\"order\":1,\"counted\":1,\"done\":1}", finished.output().toString());
            assertEquals(1, counted.get(), "the Task before the checkpoint did not run again");
            assertTrue(finished.stopDate().toEpochMilli() - finished.startDate().toEpochMilli() >= 2_000,
                    "the Wait lasted its 2 s in all");
            assertTrue(System.currentTimeMillis() - stoppedAt < 10_000);
            assertEachStateOnce(store.events(arn), List.of("Count", "Park", "Done"));
        }
    }

    @Test
    void aTaskInterruptedByTheStopRunsAgainWithTheSameIdempotencyKey() throws Exception {
        Path definition = write("work.asl.json", WORK);
        List<String> keys = new CopyOnWriteArrayList<>();
        CountDownLatch called = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        String arn;
        try (CamelContext first = app(definition, routes -> routes.from("direct:work").process(e -> {
            keys.add(e.getMessage().getHeader(AslConstants.IDEMPOTENCY_KEY, String.class));
            called.countDown();
            never.await(30, TimeUnit.SECONDS); // the app stops while this Task runs
        }))) {
            first.getShutdownStrategy().setTimeout(1);
            first.createProducerTemplate().asyncRequestBodyAndHeader("direct:start", "{\"n\":5}",
                    AslConstants.EXECUTION_NAME, "interrupted");
            assertTrue(called.await(10, TimeUnit.SECONDS));
            arn = awaitExecution(store(first), r -> true).executionArn();
        }
        never.countDown(); // the old Task returns into a stopped app: nothing of it may reach the store

        try (CamelContext second = app(definition, routes -> routes.from("direct:work").process(e -> {
            keys.add(e.getMessage().getHeader(AslConstants.IDEMPOTENCY_KEY, String.class));
            e.getMessage().setBody("{\"ok\":true}");
        }))) {
            ExecutionStore store = store(second);
            ExecutionRecord finished = awaitExecution(store, r -> r.status() != ExecutionStatus.RUNNING);
            assertEquals(ExecutionStatus.SUCCEEDED, finished.status(), String.valueOf(finished.cause()));
            assertEquals("{\"seen\":1,\"work\":{\"ok\":true}}", finished.output().toString(),
                    "the variable assigned before the stop is there after it");
            assertEquals(2, keys.size(), "the interrupted Task ran again: " + keys);
            assertEquals(keys.get(0), keys.get(1), "a redelivered attempt carries the same idempotency key");
            assertEachStateOnce(store.events(arn), List.of("Prepare", "Work", "After"));
        }
    }

    private static final String FLAKY = """
            {"StartAt": "Load", "States": {
              "Load": {"Type": "Task", "Resource": "direct:load", "End": true,
                       "Parameters": {"retries.$": "$$.State.RetryCount"},
                       "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "MaxAttempts": 2,
                                  "BackoffRate": 1}]}}}""";

    @Test
    void aRetryBackOffOutlivesTheAppAndItsAttemptsStillCount() throws Exception {
        Path definition = write("flaky.asl.json", FLAKY);
        List<String> calls = new CopyOnWriteArrayList<>();
        List<Long> callTimes = new CopyOnWriteArrayList<>();
        String arn;
        try (CamelContext first = app(definition, routes -> routes.from("direct:load").process(e -> {
            calls.add(e.getMessage().getBody(String.class));
            callTimes.add(System.currentTimeMillis());
            throw new IllegalStateException("warehouse locked");
        }))) {
            first.getShutdownStrategy().setTimeout(1); // a stop in the middle of the back-off
            first.createProducerTemplate().asyncRequestBodyAndHeader("direct:start", "{}",
                    AslConstants.EXECUTION_NAME, "backing-off");
            ExecutionStore store = store(first);
            arn = awaitExecution(store, r -> true).executionArn();
            awaitTrue(() -> store.lastCheckpoint(arn).map(c -> c.retryAttempts() != null).orElse(false),
                    "the back-off and the attempt are committed");
        }
        assertEquals(1, calls.size(), "stopped before the retry");

        try (CamelContext second = app(definition, routes -> routes.from("direct:load").process(e -> {
            calls.add(e.getMessage().getBody(String.class));
            callTimes.add(System.currentTimeMillis());
            throw new IllegalStateException("warehouse still locked");
        }))) {
            ExecutionStore store = store(second);
            ExecutionRecord finished = awaitExecution(store, r -> r.status() != ExecutionStatus.RUNNING);
            assertEquals(ExecutionStatus.FAILED, finished.status());
            assertEquals(List.of("{\"retries\":0}", "{\"retries\":1}", "{\"retries\":2}"), calls,
                    "MaxAttempts 2 counted the attempt before the restart: three calls in all, not four");
            assertTrue(callTimes.get(1) - callTimes.get(0) >= 2_000,
                    "the retry waited out the back-off begun before the restart");
            List<String> types = store.events(arn).stream().map(e -> e.get("type").asText()).toList();
            assertEquals(1, types.stream().filter("TaskStateEntered"::equals).count(), types.toString());
            assertEquals(3, types.stream().filter("TaskFailed"::equals).count(), types.toString());
        }
    }

    @Test
    void anExecutionKeepsTheDefinitionItStartedWith() throws Exception {
        Path definition = write("park.asl.json", PARK);
        AtomicInteger done = new AtomicInteger();
        try (CamelContext first = app(definition, routes -> {
            routes.from("direct:count").process(e -> e.getMessage().setBody("1"));
            routes.from("direct:done").process(e -> e.getMessage().setBody("\"old\""));
        })) {
            first.getShutdownStrategy().setTimeout(1);
            first.createProducerTemplate().asyncRequestBody("direct:start", "{}");
            ExecutionStore store = store(first);
            String arn = awaitExecution(store, r -> true).executionArn();
            awaitTrue(() -> store.lastCheckpoint(arn).map(c -> c.waitUntil() != null).orElse(false),
                    "parked in the Wait");
        }
        // the app comes back with a changed definition: Done now calls another endpoint
        Files.writeString(definition, PARK.replace("direct:done", "direct:renamed"));
        try (CamelContext second = app(definition, routes -> {
            routes.from("direct:count").process(e -> e.getMessage().setBody("1"));
            routes.from("direct:done").process(e -> e.getMessage().setBody("\"old version " + done.incrementAndGet()
                    + "\""));
            routes.from("direct:renamed").process(e -> e.getMessage().setBody("\"new version\""));
        })) {
            ExecutionRecord finished = awaitExecution(store(second), r -> r.status() != ExecutionStatus.RUNNING);
            assertEquals(ExecutionStatus.SUCCEEDED, finished.status(), String.valueOf(finished.cause()));
            assertEquals(1, done.get(), "the resumed execution ran the definition it started with");
        }
    }

    @Test
    void aWaitLongerThanParkInMemorySecondsLeavesMemoryAndComesBackFromTheStore() throws Exception {
        Path definition = write("park.asl.json", PARK);
        AtomicInteger counted = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        try (CamelContext app = app(definition, "&parkInMemorySeconds=0", routes -> {
            routes.from("direct:count").process(e -> e.getMessage().setBody(counted.incrementAndGet()));
            routes.from("direct:done").process(e -> e.getMessage().setBody(done.incrementAndGet()));
        })) {
            long t0 = System.currentTimeMillis();
            // the caller waits for the output, across the execution's time out of memory
            String output = app.createProducerTemplate().requestBodyAndHeader("direct:start", "{\"order\":2}",
                    AslConstants.EXECUTION_NAME, "evicted", String.class);
            assertEquals("{\"order\":2,\"counted\":1,\"done\":1}", output);
            assertTrue(System.currentTimeMillis() - t0 >= 2_000, "the Wait lasted its 2 s");
            ExecutionStore store = store(app);
            ExecutionRecord finished = awaitExecution(store, r -> r.status() != ExecutionStatus.RUNNING);
            assertEquals(ExecutionStatus.SUCCEEDED, finished.status());
            assertEquals(1, counted.get());
            assertEachStateOnce(store.events(finished.executionArn()), List.of("Count", "Park", "Done"));
        }
    }

    @Test
    void aCallerWaitingWhenTheAppStopsIsToldWhy() throws Exception {
        Path definition = write("park.asl.json", PARK.replace("\"Seconds\": 2", "\"Seconds\": 600"));
        java.util.concurrent.CompletableFuture<String> reply;
        try (CamelContext app = app(definition, routes -> {
            routes.from("direct:count").process(e -> e.getMessage().setBody("1"));
            routes.from("direct:done").process(e -> e.getMessage().setBody("1"));
        })) {
            app.getShutdownStrategy().setTimeout(1); // Camel's graceful stop waits this long for exchanges in flight
            reply = app.createProducerTemplate().asyncRequestBody("direct:start", "{}", String.class);
            awaitExecution(store(app), r -> true);
            Thread.sleep(300); // parked in its 10-minute Wait
        }
        java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> reply.get(10, TimeUnit.SECONDS));
        Throwable cause = e.getCause() instanceof org.apache.camel.CamelExecutionException camel ? camel.getCause()
                : e.getCause();
        assertTrue(cause instanceof io.github.camelasl.engine.ExecutionSuspendedException, String.valueOf(cause));
        assertTrue(cause.getMessage().contains("stays RUNNING in the execution store"), cause.getMessage());
    }

    @Test
    void theStoreOptionsSetOnTheContextsOwnComponentAreUsed() throws Exception {
        Path definition = write("park.asl.json", PARK.replace("\"Seconds\": 2", "\"Seconds\": 0"));
        try (CamelContext context = new DefaultCamelContext()) {
            // the component Camel makes (and autowires) with the production default, store=sqlite (the tests' JVM
            // defaults to memory), is configured after the fact: nothing may have opened a store yet
            String testDefault = System.setProperty(AslComponent.STORE_PROPERTY, "sqlite");
            AslComponent asl;
            try {
                asl = context.getComponent("asl", AslComponent.class);
            } finally {
                System.setProperty(AslComponent.STORE_PROPERTY, testDefault);
            }
            asl.setStoreFolder(storeFolder.toString());
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:start").to("asl:own?definition=file:" + definition);
                    from("direct:count").setBody().constant("1");
                    from("direct:done").setBody().constant("2");
                }
            });
            context.start();
            context.createProducerTemplate().requestBody("direct:start", "{}", String.class);
            assertTrue(Files.exists(storeFolder.resolve(SqliteExecutionStore.FILE_NAME)), "the store is in the folder set");
            assertEquals(1, asl.executionStore("STANDARD").list().size());
        }
    }

    // --- helpers ---

    private CamelContext app(Path definition, Consumer<RouteBuilder> endpoints) throws Exception {
        return app(definition, "", endpoints);
    }

    private CamelContext app(Path definition, String options, Consumer<RouteBuilder> endpoints) throws Exception {
        CamelContext context = StoreContexts.withStore("sqlite", storeFolder);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:start").to("asl:durable?definition=file:" + definition + options);
                endpoints.accept(this);
            }
        });
        context.start();
        return context;
    }

    private static ExecutionStore store(CamelContext context) {
        return context.getComponent("asl", AslComponent.class).executionStore("STANDARD");
    }

    private Path write(String name, String text) throws Exception {
        Path file = storeFolder.resolveSibling(storeFolder.getFileName() + "-" + name);
        Files.writeString(file, text);
        return file;
    }

    private static ExecutionRecord awaitExecution(ExecutionStore store, Predicate<ExecutionRecord> test)
            throws InterruptedException {
        Map<String, ExecutionRecord> last = new ConcurrentHashMap<>();
        awaitTrue(() -> store.list().stream().filter(test).findFirst().map(r -> last.put("r", r) == null || true)
                .orElse(false), "an execution in the store");
        return last.get("r");
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Each state entered and exited once, the ids gapless, the execution started and ended once. */
    private static void assertEachStateOnce(List<JsonNode> events, List<String> states) {
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).get("id").asInt(), "gapless ids: " + events);
        }
        List<String> types = events.stream().map(e -> e.get("type").asText()).toList();
        assertEquals(1, types.stream().filter("ExecutionStarted"::equals).count(), types.toString());
        assertEquals(1, types.stream().filter("ExecutionSucceeded"::equals).count(), types.toString());
        for (String state : states) {
            for (String detail : List.of("stateEnteredEventDetails", "stateExitedEventDetails")) {
                long seen = events.stream().filter(e -> state.equals(e.path(detail).path("name").asText())).count();
                assertEquals(1, seen, state + " " + detail + " in " + types);
            }
        }
    }
}
