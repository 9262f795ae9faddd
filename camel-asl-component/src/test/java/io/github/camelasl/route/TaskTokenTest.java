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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The callback pattern on a Camel-endpoint Task ({@code Resource: "direct:approvals.waitForTaskToken"}): the
 * endpoint gets {@code $$.Task.Token}, the Task waits without a thread until sendTaskSuccess or
 * sendTaskFailure, HeartbeatSeconds and TimeoutSeconds bound the wait, and on the durable store the wait
 * survives a restart with the same token.
 */
class TaskTokenTest {

    private static final String APPROVAL = """
            {"StartAt": "Ask", "States": {
              "Ask": {"Type": "Task", "Resource": "direct:approvals.waitForTaskToken",
                      "Parameters": {"order.$": "$.order", "token.$": "$$.Task.Token"}, "ResultPath": "$.approval",
                      %s
                      "Catch": [{"ErrorEquals": ["Rejected"], "ResultPath": "$.rejection", "Next": "Rejected"}],
                      "Next": "Approved"},
              "Approved": {"Type": "Pass", "End": true},
              "Rejected": {"Type": "Pass", "End": true}}}""";

    @TempDir
    Path folder;

    private final BlockingQueue<JsonNode> requests = new LinkedBlockingQueue<>();

    @Test
    void sendTaskSuccessEndsTheWaitWithItsOutput() throws Exception {
        try (CamelContext app = app(APPROVAL.formatted(""), "memory")) {
            var reply = app.createProducerTemplate().asyncRequestBody("direct:run", "{\"order\": 42}", String.class);
            JsonNode request = requests.poll(10, TimeUnit.SECONDS);
            assertEquals(42, request.get("order").asInt(), "the endpoint got the effective input");
            String token = request.get("token").asText();
            assertTrue(token.length() >= 40, token);
            Thread.sleep(100);
            assertTrue(!reply.isDone(), "the Task waits for its token");

            callback(app, "success", "{\"taskToken\": \"" + token + "\", \"output\": \"{\\\"by\\\": \\\"ada\\\"}\"}");
            assertEquals("{\"order\":42,\"approval\":{\"by\":\"ada\"}}", reply.get(10, TimeUnit.SECONDS));
            AslError gone = assertThrows(AslError.class, () -> callback(app, "success",
                    "{\"taskToken\": \"" + token + "\", \"output\": \"{}\"}"));
            assertEquals("TaskDoesNotExist", gone.error());
        }
    }

    @Test
    void sendTaskFailureFailsTheTaskForItsCatch() throws Exception {
        try (CamelContext app = app(APPROVAL.formatted(""), "memory")) {
            var reply = app.createProducerTemplate().asyncRequestBody("direct:run", "{\"order\": 7}", String.class);
            String token = requests.poll(10, TimeUnit.SECONDS).get("token").asText();
            callback(app, "failure", "{\"taskToken\": \"" + token + "\", \"error\": \"Rejected\", "
                    + "\"cause\": \"over budget\"}");
            assertEquals("{\"order\":7,\"rejection\":{\"Error\":\"Rejected\",\"Cause\":\"over budget\"}}",
                    reply.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aWorkerMayAnswerBeforeTheCallReturns() throws Exception {
        String definition = APPROVAL.formatted("").replace("direct:approvals", "direct:eager");
        try (CamelContext app = app(definition, "memory")) {
            app.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // the endpoint itself answers, inside the call
                    from("direct:eager").process(e -> {
                        String token = Json.parse(e.getMessage().getBody(String.class)).get("token").asText();
                        callback(e.getContext(), "success", "{\"taskToken\": \"" + token + "\", "
                                + "\"output\": \"\\\"fast\\\"\"}");
                        e.getMessage().setBody("{}");
                    });
                }
            });
            assertEquals("{\"order\":3,\"approval\":\"fast\"}", app.createProducerTemplate()
                    .requestBody("direct:run", "{\"order\": 3}", String.class));
        }
    }

    @Test
    void heartbeatsKeepTheTaskAliveAndTheirAbsenceTimesItOut() throws Exception {
        try (CamelContext app = app(APPROVAL.formatted("\"HeartbeatSeconds\": 1,"), "memory")) {
            var kept = app.createProducerTemplate().asyncRequestBody("direct:run", "{\"order\": 1}", String.class);
            String token = requests.poll(10, TimeUnit.SECONDS).get("token").asText();
            for (int i = 0; i < 4; i++) { // 2 s in all: twice the HeartbeatSeconds
                Thread.sleep(500);
                callback(app, "heartbeat", "{\"taskToken\": \"" + token + "\"}");
            }
            callback(app, "success", "{\"taskToken\": \"" + token + "\", \"output\": \"true\"}");
            assertEquals("{\"order\":1,\"approval\":true}", kept.get(10, TimeUnit.SECONDS));

            var silent = app.createProducerTemplate().asyncRequestBody("direct:run", "{\"order\": 2}", String.class);
            requests.poll(10, TimeUnit.SECONDS);
            CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> {
                try {
                    silent.get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException wrapped) {
                    throw (Exception) wrapped.getCause();
                }
            });
            assertEquals("States.HeartbeatTimeout", ((AslError) e.getCause()).error());
        }
    }

    @Test
    void aWaitOnTheDurableStoreOutlivesTheAppWithTheSameToken() throws Exception {
        String token;
        String arn;
        try (CamelContext first = app(APPROVAL.formatted(""), "sqlite")) {
            first.getShutdownStrategy().setTimeout(1);
            JsonNode started = Json.parse(first.createProducerTemplate().requestBodyAndHeader("direct:start",
                    "{\"order\": 9}", AslConstants.EXECUTION_NAME, "waiting", String.class));
            arn = started.get("executionArn").asText();
            token = requests.poll(10, TimeUnit.SECONDS).get("token").asText();
            awaitHistory(first, arn, "TaskSubmitted");
        }
        try (CamelContext second = app(APPROVAL.formatted(""), "sqlite")) {
            awaitHistory(second, arn, "TaskSubmitted");
            Thread.sleep(300); // resumed: waiting again for its token
            callback(second, "success", "{\"taskToken\": \"" + token + "\", \"output\": \"{\\\"ok\\\": 1}\"}");
            JsonNode described = null;
            for (int i = 0; i < 500; i++) {
                described = Json.parse(second.createProducerTemplate().requestBody("direct:describe",
                        "{\"executionArn\": \"" + arn + "\"}", String.class));
                if (!"RUNNING".equals(described.get("status").asText())) {
                    break;
                }
                Thread.sleep(20);
            }
            assertEquals("SUCCEEDED", described.get("status").asText(), described.toString());
            assertEquals("{\"order\":9,\"approval\":{\"ok\":1}}", described.get("output").asText());
            assertTrue(requests.isEmpty(), "the resumed Task did not call its endpoint again: " + requests);
            List<String> types = history(second, arn);
            assertEquals(1, types.stream().filter("TaskSubmitted"::equals).count(), types.toString());
            assertEquals(1, types.stream().filter("TaskStateEntered"::equals).count(), types.toString());
        }
    }

    // --- helpers ---

    private CamelContext app(String definition, String store) throws Exception {
        Path file = folder.resolve("approval.asl.json");
        Files.writeString(file, definition);
        CamelContext context = StoreContexts.withStore(store, folder.resolve("store"));
        context.getShutdownStrategy().setTimeout(2); // a Task may still wait for its token when a test ends
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:run").to("asl:approval?definition=file:" + file);
                from("direct:start").to("asl:approval?definition=file:" + file + "&operation=startExecution");
                from("direct:describe").to("asl:approval?operation=describeExecution");
                from("direct:history").to("asl:approval?operation=getExecutionHistory");
                from("direct:success").to("asl:any?operation=sendTaskSuccess");
                from("direct:failure").to("asl:any?operation=sendTaskFailure");
                from("direct:heartbeat").to("asl:any?operation=sendTaskHeartbeat");
                from("direct:approvals").process(e -> {
                    requests.add(Json.parse(e.getMessage().getBody(String.class)));
                    e.getMessage().setBody("{\"queued\": true}");
                });
            }
        });
        context.start();
        return context;
    }

    private static void callback(CamelContext app, String kind, String request) throws Exception {
        try {
            app.createProducerTemplate().requestBody("direct:" + kind, request, String.class);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof AslError error) {
                throw error;
            }
            throw e;
        }
    }

    private static List<String> history(CamelContext app, String arn) throws Exception {
        return Json.parse(app.createProducerTemplate().requestBody("direct:history", "{\"executionArn\": \"" + arn
                + "\"}", String.class)).get("events").findValuesAsText("type");
    }

    private static void awaitHistory(CamelContext app, String arn, String type) throws Exception {
        for (int i = 0; i < 500; i++) {
            if (history(app, arn).contains(type)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(arn + " never recorded " + type + ": " + history(app, arn));
    }
}
