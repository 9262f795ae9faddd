package io.github.camelasl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslConstants;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Step Functions API operations of the asl: endpoint ({@code operation=...}), with AWS's request and
 * response shapes: an execution started without waiting, described, listed, its history read and stopped, on
 * the in-memory and the durable store.
 */
class ExecutionOperationsTest {

    private static final String SLOW = """
            {"StartAt": "Work", "States": {
              "Work": {"Type": "Task", "Resource": "direct:work", "Next": "Done"},
              "Done": {"Type": "Pass", "End": true}}}""";

    private static final String PARK = """
            {"StartAt": "Park", "States": {
              "Park": {"Type": "Wait", "Seconds": 3600, "Next": "Done"},
              "Done": {"Type": "Pass", "End": true}}}""";

    @TempDir
    Path folder;

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger calls = new AtomicInteger();
    private CamelContext context;
    private ProducerTemplate template;

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        if (context != null) {
            context.close();
        }
    }

    @Test
    void anExecutionStartedWithoutWaitingIsDescribedListedReadAndStopped() throws Exception {
        start("memory", SLOW, "");
        JsonNode started = call("start", "{\"order\": 7}", "first");
        String arn = started.get("executionArn").asText();
        assertEquals("arn:aws:states:us-east-1:123456789012:execution:orders:first", arn);
        assertTrue(started.get("startDate").asText().endsWith("Z"), started.toString());
        awaitCalls(1);

        JsonNode running = call("describe", "{\"executionArn\": \"" + arn + "\"}", null);
        assertEquals("RUNNING", running.get("status").asText());
        assertEquals("{\"order\":7}", running.get("input").asText());
        assertEquals("first", running.get("name").asText());
        assertFalse(running.has("stopDate"));

        JsonNode list = call("list", "{\"statusFilter\": \"RUNNING\"}", null);
        assertEquals(List.of(arn), list.get("executions").findValuesAsText("executionArn"));
        assertEquals(0, call("list", "{\"statusFilter\": \"SUCCEEDED\"}", null).get("executions").size());

        List<String> types = call("history", "{\"executionArn\": \"" + arn + "\"}", null).get("events")
                .findValuesAsText("type");
        assertEquals("ExecutionStarted", types.get(0));
        assertTrue(types.contains("TaskStateEntered"), types.toString());

        JsonNode stopped = call("stop", "{\"executionArn\": \"" + arn + "\", \"error\": \"Operator\", "
                + "\"cause\": \"wrong order\"}", null);
        assertNotNull(stopped.get("stopDate"));
        release.countDown(); // the Task answers after the stop: its reply must change nothing

        JsonNode aborted = call("describe", "{\"executionArn\": \"" + arn + "\"}", null);
        assertEquals("ABORTED", aborted.get("status").asText());
        assertEquals("Operator", aborted.get("error").asText());
        assertEquals("wrong order", aborted.get("cause").asText());
        assertEquals(stopped.get("stopDate"), aborted.get("stopDate"));
        Thread.sleep(200);
        List<String> after = call("history", "{\"executionArn\": \"" + arn + "\", \"reverseOrder\": true}", null)
                .get("events").findValuesAsText("type");
        assertEquals("ExecutionAborted", after.get(0));
        assertFalse(after.contains("PassStateEntered"), "nothing runs after the stop: " + after);
    }

    @Test
    void startExecutionIsIdempotentByNameAndInput() throws Exception {
        start("memory", SLOW, "");
        String arn = call("start", "{\"order\": 1}", "same").get("executionArn").asText();
        assertEquals(arn, call("start", "{\"order\": 1}", "same").get("executionArn").asText(),
                "the same name and input while it runs: the same execution");
        AslError e = assertThrows(AslError.class, () -> call("start", "{\"order\": 2}", "same"));
        assertEquals("ExecutionAlreadyExists", e.error());
        awaitCalls(1);
        assertEquals(1, calls.get(), "started once");
    }

    @Test
    void startSyncExecutionAnswersAwsShapeAlsoWhenItFails() throws Exception {
        start("memory", """
                {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Bad", "Cause": "it broke"}}}""", "");
        JsonNode reply = call("sync", "{\"x\": 1}", "doomed");
        assertEquals("FAILED", reply.get("status").asText());
        assertEquals("Bad", reply.get("error").asText());
        assertEquals("it broke", reply.get("cause").asText());
        assertEquals("{\"x\":1}", reply.get("input").asText());
        assertEquals("arn:aws:states:us-east-1:123456789012:stateMachine:orders", reply.get("stateMachineArn").asText());
    }

    @Test
    void requestsThatCannotBeAnsweredSayWhy() throws Exception {
        start("memory", SLOW, "");
        AslError missing = assertThrows(AslError.class, () -> call("describe",
                "{\"executionArn\": \"arn:aws:states:us-east-1:123456789012:execution:orders:nobody\"}", null));
        assertEquals("ExecutionDoesNotExist", missing.error());
        AslError invalid = assertThrows(AslError.class, () -> call("stop", "{\"executionArn\": \"orders:1\"}", null));
        assertEquals("InvalidArn", invalid.error());
        AslError none = assertThrows(AslError.class, () -> call("history", "{}", null));
        assertEquals("ValidationException", none.error());
        assertTrue(none.cause().contains("executionArn"), none.cause());
        AslError page = assertThrows(AslError.class, () -> call("list", "{\"maxResults\": 5000}", null));
        assertEquals("ValidationException", page.error());
    }

    @Test
    void expressStateMachinesRefuseStopAndRedriveAsAwsDoes() throws Exception {
        start("memory", SLOW, "&type=EXPRESS");
        AslError stop = assertThrows(AslError.class, () -> call("stop",
                "{\"executionArn\": \"arn:aws:states:us-east-1:123456789012:express:orders:a:b\"}", null));
        assertEquals("ValidationException", stop.error());
        assertTrue(stop.cause().contains("not supported by EXPRESS"), stop.cause());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void anExecutionWaitingOutOfMemoryIsStoppedInTheStore(String store) throws Exception {
        start(store, PARK, "&parkInMemorySeconds=0");
        String arn = call("start", "{}", "parked").get("executionArn").asText();
        awaitParked(arn);
        JsonNode stopped = call("stop", "{\"executionArn\": \"" + arn + "\"}", null);
        assertNotNull(stopped.get("stopDate"));
        assertEquals("ABORTED", call("describe", "{\"executionArn\": \"" + arn + "\"}", null).get("status").asText());
        List<String> types = call("history", "{\"executionArn\": \"" + arn + "\"}", null).get("events")
                .findValuesAsText("type");
        assertEquals(List.of("ExecutionStarted", "WaitStateEntered", "ExecutionAborted"), types);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void aCallerWaitingAcrossAWaitOutOfMemoryGetsTheStopAtOnce(String store) throws Exception {
        start(store, PARK, "&parkInMemorySeconds=0");
        java.util.concurrent.CompletableFuture<String> reply = template.asyncRequestBodyAndHeader("direct:sync",
                "{}", AslConstants.EXECUTION_NAME, "awaited", String.class);
        String arn = "arn:aws:states:us-east-1:123456789012:execution:orders:awaited";
        awaitParked(arn);
        call("stop", "{\"executionArn\": \"" + arn + "\", \"error\": \"Operator\"}", null);
        JsonNode answer = Json.parse(reply.get(10, TimeUnit.SECONDS)); // not after the Wait's hour
        assertEquals("ABORTED", answer.get("status").asText());
        assertEquals("Operator", answer.get("error").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void anExecutionWaitingOutOfMemoryComesBackFromItsStoreWhenDue(String store) throws Exception {
        start(store, PARK.replace("3600", "1"), "&parkInMemorySeconds=0");
        JsonNode reply = call("sync", "{\"order\": 3}", "back"); // waits across the execution's time out of memory
        assertEquals("SUCCEEDED", reply.get("status").asText(), reply.toString());
        assertEquals("{\"order\":3}", reply.get("output").asText());
        List<String> types = call("history", "{\"executionArn\": \"" + reply.get("executionArn").asText() + "\"}",
                null).get("events").findValuesAsText("type");
        assertEquals(List.of("ExecutionStarted", "WaitStateEntered", "WaitStateExited", "PassStateEntered",
                "PassStateExited", "ExecutionSucceeded"), types);
    }

    /** Waits until the execution is parked in its Wait: the due time recorded, and (a moment later) it out of memory. */
    private void awaitParked(String arn) throws Exception {
        awaitStatus(arn, "RUNNING");
        long deadline = System.currentTimeMillis() + 10_000;
        while (!call("history", "{\"executionArn\": \"" + arn + "\"}", null).get("events")
                .findValuesAsText("type").contains("WaitStateEntered")) {
            assertTrue(System.currentTimeMillis() < deadline, "never parked");
            Thread.sleep(10);
        }
        Thread.sleep(200);
    }

    // --- helpers ---

    private void start(String store, String definition, String options) throws Exception {
        Path file = folder.resolve("orders.asl.json");
        Files.writeString(file, definition);
        context = StoreContexts.withStore(store, folder.resolve("store"));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                String machine = "asl:orders?definition=file:" + file + options;
                from("direct:start").to(machine + "&operation=startExecution");
                from("direct:sync").to(machine + "&operation=startSyncExecution");
                // no definition: these use the deployment the endpoints above made
                from("direct:describe").to("asl:orders?operation=describeExecution");
                from("direct:list").to("asl:orders?operation=listExecutions");
                from("direct:history").to("asl:orders?operation=getExecutionHistory");
                from("direct:stop").to("asl:orders?operation=stopExecution");
                from("direct:work").process(e -> {
                    calls.incrementAndGet();
                    release.await(30, TimeUnit.SECONDS);
                    e.getMessage().setBody("{\"worked\": true}");
                });
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    private JsonNode call(String operation, String body, String name) throws Exception {
        try {
            String reply = name == null ? template.requestBody("direct:" + operation, body, String.class)
                    : template.requestBodyAndHeader("direct:" + operation, body, AslConstants.EXECUTION_NAME, name,
                            String.class);
            return Json.parse(reply);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof AslError error) {
                throw error;
            }
            throw e;
        }
    }

    private void awaitCalls(int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (calls.get() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(n, calls.get());
    }

    private void awaitStatus(String arn, String status) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (status.equals(call("describe", "{\"executionArn\": \"" + arn + "\"}", null).get("status")
                        .asText())) {
                    return;
                }
            } catch (AslError e) {
                // not in the store yet
            }
            Thread.sleep(10);
        }
        throw new AssertionError(arn + " never " + status);
    }
}
