package io.github.camelasl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslConstants;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * RedriveExecution: an ETL whose late step failed runs again from that step once the endpoint is fixed; the
 * early steps do not run again, and the history shows the failure, the redrive and the end, as AWS writes them.
 */
class RedriveTest {

    private static final String ETL = """
            {"StartAt": "Extract", "States": {
              "Extract": {"Type": "Task", "Resource": "direct:extract", "ResultPath": "$.rows", "Next": "Count"},
              "Count": {"Type": "Pass", "Assign": {"extracted.$": "$.rows"}, "Next": "Transform"},
              "Transform": {"Type": "Task", "Resource": "direct:transform", "ResultPath": "$.clean",
                            "Next": "Load"},
              "Load": {"Type": "Pass", "Parameters": {"rows.$": "$extracted", "clean.$": "$.clean",
                        "redrives.$": "$$.Execution.RedriveCount"}, "End": true}}}""";

    @TempDir
    Path folder;

    private final AtomicInteger extracts = new AtomicInteger();
    private final AtomicInteger transforms = new AtomicInteger();
    private final AtomicBoolean broken = new AtomicBoolean(true);
    private CamelContext context;
    private ProducerTemplate template;

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void aFailedLateStepRunsAgainWithoutTheEarlyOnes(String store) throws Exception {
        start(store);
        CamelExecutionException failed = assertThrows(CamelExecutionException.class, () -> template
                .requestBodyAndHeader("direct:run", "{\"file\": \"orders.csv\"}", AslConstants.EXECUTION_NAME,
                        "nightly", String.class));
        assertEquals("TransformError", ((AslError) failed.getCause()).error());
        String arn = "arn:aws:states:us-east-1:123456789012:execution:etl:nightly";
        JsonNode before = call("describe", arn);
        assertEquals("FAILED", before.get("status").asText());
        assertEquals("REDRIVABLE", before.get("redriveStatus").asText());

        broken.set(false); // the endpoint is fixed
        JsonNode redriven = call("redrive", arn);
        assertTrue(redriven.get("redriveDate").asText().endsWith("Z"), redriven.toString());
        JsonNode after = awaitEnd(arn);
        assertEquals("SUCCEEDED", after.get("status").asText(), after.toString());
        assertEquals("{\"rows\":3,\"clean\":\"3 clean rows\",\"redrives\":1}", after.get("output").asText(),
                "the variable assigned before the failure is there; $$.Execution.RedriveCount is 1");
        assertEquals(1, after.get("redriveCount").asInt());
        assertEquals(1, extracts.get(), "Extract did not run again");
        assertEquals(2, transforms.get(), "Transform ran again");

        List<String> types = Json.parse(template.requestBody("direct:history", "{\"executionArn\": \"" + arn
                + "\", \"maxResults\": 1000}", String.class)).get("events").findValuesAsText("type");
        int failedAt = types.indexOf("ExecutionFailed");
        assertTrue(failedAt > 0, types.toString());
        assertEquals("ExecutionRedriven", types.get(failedAt + 1), types.toString());
        assertEquals("TaskStateEntered", types.get(failedAt + 2), "the failed state is entered anew: " + types);
        assertEquals("ExecutionSucceeded", types.get(types.size() - 1));
        assertEquals(1, types.stream().filter("ExecutionStarted"::equals).count());

        AslError again = assertThrows(AslError.class, () -> call("redrive", arn));
        assertEquals("ExecutionNotRedrivable", again.error());
        assertTrue(again.cause().contains("SUCCEEDED"), again.cause());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void aRestartFromAChosenStateWithEditedInputIsANewLinkedExecution(String store) throws Exception {
        start(store);
        assertThrows(CamelExecutionException.class, () -> template.requestBodyAndHeader("direct:run",
                "{\"file\": \"orders.csv\"}", AslConstants.EXECUTION_NAME, "nightly", String.class));
        String old = "arn:aws:states:us-east-1:123456789012:execution:etl:nightly";
        broken.set(false);

        // the rows fixed by hand: go on from Count with them, without extracting again
        JsonNode restarted = Json.parse(template.requestBody("direct:restart", "{\"executionArn\": \"" + old
                + "\", \"stateName\": \"Count\", \"input\": \"{\\\"file\\\": \\\"orders.csv\\\", "
                + "\\\"rows\\\": 10}\", \"name\": \"nightly-fixed\"}", String.class));
        String arn = restarted.get("executionArn").asText();
        assertEquals("arn:aws:states:us-east-1:123456789012:execution:etl:nightly-fixed", arn);
        assertEquals(old, restarted.at("/restartedFrom/executionArn").asText());
        JsonNode after = awaitEnd(arn);
        assertEquals("SUCCEEDED", after.get("status").asText(), after.toString());
        assertEquals("{\"rows\":10,\"clean\":\"3 clean rows\",\"redrives\":0}", after.get("output").asText());
        assertEquals(1, extracts.get(), "Extract did not run again");
        JsonNode started = Json.parse(template.requestBody("direct:history", "{\"executionArn\": \"" + arn
                + "\"}", String.class)).get("events").get(0);
        assertEquals(old, started.at("/executionStartedEventDetails/restartedFrom/executionArn").asText());
        assertEquals("FAILED", call("describe", old).get("status").asText(), "the old execution stays as it was");

        // without input: the input Transform had in the old execution
        JsonNode again = Json.parse(template.requestBody("direct:restart", "{\"executionArn\": \"" + old
                + "\", \"stateName\": \"Transform\"}", String.class));
        JsonNode second = awaitEnd(again.get("executionArn").asText());
        assertEquals("FAILED", second.get("status").asText(),
                "variables start empty: Load's $extracted is not defined in a restart from Transform");
    }

    private static final String FAN_OUT = """
            {"StartAt": "Fetch", "States": {
              "Fetch": {"Type": "Parallel", "ResultPath": "$.fetched", "Next": "Each", "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "direct:fetch-a", "End": true}}},
                {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "direct:fetch-b", "End": true}}}]},
              "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2, "ResultPath": "$.done",
                       "ItemProcessor": {"StartAt": "Work", "States": {
                         "Work": {"Type": "Task", "Resource": "direct:work", "End": true}}},
                       "End": true}}}""";

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void aRedrivenParallelOrMapRunsOnlyItsBranchesAndIterationsThatDidNotSucceed(String store) throws Exception {
        java.util.Map<String, AtomicInteger> calls = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicBoolean branchBroken = new AtomicBoolean(true);
        AtomicBoolean itemBroken = new AtomicBoolean(true);
        start(store, "fan", FAN_OUT, routes -> {
            routes.from("direct:fetch-a").process(e -> {
                calls.computeIfAbsent("A", k -> new AtomicInteger()).incrementAndGet();
                e.getMessage().setBody("\"a\"");
            });
            routes.from("direct:fetch-b").process(e -> {
                calls.computeIfAbsent("B", k -> new AtomicInteger()).incrementAndGet();
                if (branchBroken.get()) {
                    throw new AslError("FetchError", "source B is down");
                }
                e.getMessage().setBody("\"b\"");
            });
            routes.from("direct:work").process(e -> {
                String item = Json.parse(e.getMessage().getBody(String.class)).asText();
                calls.computeIfAbsent(item, k -> new AtomicInteger()).incrementAndGet();
                if (item.equals("i3") && itemBroken.get()) {
                    throw new AslError("WorkError", "item i3 failed");
                }
                e.getMessage().setBody("\"" + item.toUpperCase() + "\"");
            });
        });
        String arn = "arn:aws:states:us-east-1:123456789012:execution:fan:run1";
        assertThrows(CamelExecutionException.class, () -> template.requestBodyAndHeader("direct:run",
                "{\"items\": [\"i1\", \"i2\", \"i3\", \"i4\"]}", AslConstants.EXECUTION_NAME, "run1",
                String.class));

        branchBroken.set(false);
        call("redrive", arn);
        JsonNode second = awaitEnd(arn);
        assertEquals("FAILED", second.get("status").asText(), "now the Map fails: " + second);
        assertEquals(1, calls.get("A").get(), "the branch that succeeded did not run again");
        assertEquals(2, calls.get("B").get());

        itemBroken.set(false);
        call("redrive", arn);
        JsonNode third = awaitEnd(arn);
        assertEquals("SUCCEEDED", third.get("status").asText(), third.toString());
        assertEquals(Json.parse("{\"items\": [\"i1\", \"i2\", \"i3\", \"i4\"], \"fetched\": [\"a\", \"b\"], "
                + "\"done\": [\"I1\", \"I2\", \"I3\", \"I4\"]}"), Json.parse(third.get("output").asText()),
                "the kept outputs are in their places");
        assertEquals(2, calls.get("i3").get(), "the failed iteration ran again");
        for (String kept : List.of("i1", "i2", "i4")) {
            assertEquals(1, calls.get(kept).get(), kept + " succeeded before and did not run again");
        }
    }

    // --- helpers ---

    private void start(String store) throws Exception {
        start(store, "etl", ETL, routes -> {
            routes.from("direct:extract").process(e -> e.getMessage().setBody(extracts.incrementAndGet() * 3));
            routes.from("direct:transform").process(e -> {
                transforms.incrementAndGet();
                if (broken.get()) {
                    throw new AslError("TransformError", "the transform service is down");
                }
                e.getMessage().setBody("\"3 clean rows\"");
            });
        });
    }

    /** A context whose asl:NAME runs the definition, with its operations on direct: routes and the Tasks' endpoints. */
    private void start(String store, String name, String definition, Consumer<RouteBuilder> endpoints)
            throws Exception {
        Path file = folder.resolve(name + ".asl.json");
        Files.writeString(file, definition);
        context = StoreContexts.withStore(store, folder.resolve("store"));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:run").to("asl:" + name + "?definition=file:" + file);
                from("direct:describe").to("asl:" + name + "?operation=describeExecution");
                from("direct:redrive").to("asl:" + name + "?operation=redriveExecution");
                from("direct:history").to("asl:" + name + "?operation=getExecutionHistory");
                from("direct:restart").to("asl:" + name + "?operation=restartExecution");
                endpoints.accept(this);
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    private JsonNode call(String operation, String arn) throws Exception {
        try {
            return Json.parse(template.requestBody("direct:" + operation, "{\"executionArn\": \"" + arn + "\"}",
                    String.class));
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof AslError error) {
                throw error;
            }
            throw e;
        }
    }

    private JsonNode awaitEnd(String arn) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode described = call("describe", arn);
            if (!"RUNNING".equals(described.get("status").asText())) {
                return described;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(arn + " did not end");
    }
}
