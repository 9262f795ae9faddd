package io.github.camelasl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslComponent;
import io.github.camelasl.AslConstants;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.TaskCompletions;
import io.github.camelasl.resource.ResourceResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's {@code .sync} mechanism, with a test-only connector whose "job" ends when the test says: the endpoint
 * gets {@code $$.Task.Token} and starts the job (its reply is TaskSubmitted's output), the Task waits holding no
 * thread until the connector ends it through {@link TaskCompletions}; TimeoutSeconds, HeartbeatSeconds, a stop and a
 * SendTaskSuccess end it too, and tell the connector ({@code onEnd}); on the durable store a restart calls the
 * connector again with TASK_RESUMED, and no second job starts.
 */
class SyncTaskTest {

    private static final String JOB = """
            {"StartAt": "Train", "States": {
              "Train": {"Type": "Task", "Resource": "arn:aws:states:::testjob:run.sync",
                        "Parameters": {"model.$": "$.model"}, "ResultPath": "$.job", %s
                        "Catch": [{"ErrorEquals": ["Job.Failed"], "ResultPath": "$.failure", "Next": "Failed"}],
                        "Next": "Done"},
              "Done": {"Type": "Pass", "End": true},
              "Failed": {"Type": "Pass", "End": true}}}""";

    /** What the test connector was asked: a new job, or a resumed one. */
    record Call(String token, boolean resumed, JsonNode body) {
    }

    @TempDir
    Path folder;

    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> ends = new LinkedBlockingQueue<>();

    @Test
    void theConnectorEndsTheTaskWithTheJobsOutput() throws Exception {
        try (CamelContext app = app(JOB.formatted(""), "memory")) {
            var reply = app.createProducerTemplate().asyncRequestBody("direct:run", "{\"model\": \"m1\"}",
                    String.class);
            Call call = calls.poll(10, TimeUnit.SECONDS);
            assertFalse(call.resumed());
            assertEquals("m1", call.body().path("model").asText(), "the connector got the effective input");
            TaskCompletions completions = TaskCompletions.of(app);
            assertTrue(completions.waiting(call.token()));
            Thread.sleep(100);
            assertFalse(reply.isDone(), "the Task waits for its job");

            completions.succeed(call.token(), Json.parse("{\"Status\": \"Completed\"}"));
            assertEquals("{\"model\":\"m1\",\"job\":{\"Status\":\"Completed\"}}", reply.get(10, TimeUnit.SECONDS));
            assertFalse(completions.waiting(call.token()));
            assertNull(ends.poll(200, TimeUnit.MILLISECONDS), "the connector's own end is not told back to it");
            AslError gone = assertThrows(AslError.class, () -> completions.succeed(call.token(), Json.parse("{}")));
            assertEquals("TaskDoesNotExist", gone.error());
        }
    }

    @Test
    void aFailedJobFailsTheTaskForItsCatch() throws Exception {
        try (CamelContext app = app(JOB.formatted(""), "memory")) {
            var reply = app.createProducerTemplate().asyncRequestBody("direct:run", "{\"model\": \"m2\"}",
                    String.class);
            Call call = calls.poll(10, TimeUnit.SECONDS);
            TaskCompletions.of(app).fail(call.token(), "Job.Failed", "{\"Status\": \"Failed\"}");
            assertEquals("{\"model\":\"m2\",\"failure\":{\"Error\":\"Job.Failed\",\"Cause\":\"{\\\"Status\\\": "
                    + "\\\"Failed\\\"}\"}}", reply.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void timeoutSecondsEndsTheWaitAndTellsTheConnector() throws Exception {
        try (CamelContext app = app(JOB.formatted("\"TimeoutSeconds\": 1,"), "memory")) {
            var reply = app.createProducerTemplate().asyncRequestBody("direct:run", "{\"model\": \"m3\"}",
                    String.class);
            Call call = calls.poll(10, TimeUnit.SECONDS);
            assertEquals("States.Timeout", failure(reply).error());
            assertEquals(TaskCompletions.TIMED_OUT, ends.poll(10, TimeUnit.SECONDS));
            assertFalse(TaskCompletions.of(app).waiting(call.token()));
        }
    }

    @Test
    void heartbeatsKeepTheJobAliveAndSilenceTimesItOut() throws Exception {
        try (CamelContext app = app(JOB.formatted("\"HeartbeatSeconds\": 1,"), "memory")) {
            var reply = app.createProducerTemplate().asyncRequestBody("direct:run", "{\"model\": \"m4\"}",
                    String.class);
            Call call = calls.poll(10, TimeUnit.SECONDS);
            for (int i = 0; i < 3; i++) { // 1.5 s: longer than HeartbeatSeconds
                Thread.sleep(500);
                TaskCompletions.of(app).heartbeat(call.token());
            }
            assertFalse(reply.isDone(), "kept alive by its heartbeats");
            assertEquals("States.HeartbeatTimeout", failure(reply).error());
            assertEquals(TaskCompletions.HEARTBEAT_TIMED_OUT, ends.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void stoppingTheExecutionTellsTheConnector() throws Exception {
        try (CamelContext app = app(JOB.formatted(""), "memory")) {
            String arn = Json.parse(app.createProducerTemplate().requestBody("direct:start", "{\"model\": \"m5\"}",
                    String.class)).get("executionArn").asText();
            calls.poll(10, TimeUnit.SECONDS);
            awaitHistory(app, arn, "TaskSubmitted");
            app.createProducerTemplate().requestBody("direct:stop", "{\"executionArn\": \"" + arn + "\"}",
                    String.class);
            assertEquals(TaskCompletions.EXECUTION_ENDED, ends.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void sendTaskSuccessWithTheTokenEndsTheTaskAsOnAws() throws Exception {
        try (CamelContext app = app(JOB.formatted(""), "memory")) {
            var reply = app.createProducerTemplate().asyncRequestBody("direct:run", "{\"model\": \"m6\"}",
                    String.class);
            Call call = calls.poll(10, TimeUnit.SECONDS);
            app.getComponent("asl", AslComponent.class).taskTokens().sendSuccess(call.token(), Json.parse("\"hi\""));
            assertEquals("{\"model\":\"m6\",\"job\":\"hi\"}", reply.get(10, TimeUnit.SECONDS));
            assertEquals(TaskCompletions.SEND_TASK_SUCCESS, ends.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aRestartFollowsTheSameJobAndStartsNoSecond() throws Exception {
        String arn;
        Call first;
        try (CamelContext app = app(JOB.formatted(""), "sqlite")) {
            arn = Json.parse(app.createProducerTemplate().requestBodyAndHeader("direct:start", "{\"model\": \"m7\"}",
                    AslConstants.EXECUTION_NAME, "durable", String.class)).get("executionArn").asText();
            first = calls.poll(10, TimeUnit.SECONDS);
            assertFalse(first.resumed());
            awaitHistory(app, arn, "TaskSubmitted");
        }
        try (CamelContext app = app(JOB.formatted(""), "sqlite")) {
            Call resumed = calls.poll(10, TimeUnit.SECONDS);
            assertTrue(resumed.resumed(), "the connector was told it follows a job it started");
            assertEquals(first.token(), resumed.token(), "the same token");
            assertEquals(Json.parse("{\"JobId\": \"job-m7\"}"), resumed.body(), "the recorded TaskSubmitted output");
            TaskCompletions.of(app).succeed(resumed.token(), Json.parse("{\"Status\": \"Completed\"}"));
            JsonNode described = null;
            for (int i = 0; i < 500; i++) {
                described = Json.parse(app.createProducerTemplate().requestBody("direct:describe",
                        "{\"executionArn\": \"" + arn + "\"}", String.class));
                if (!"RUNNING".equals(described.get("status").asText())) {
                    break;
                }
                Thread.sleep(20);
            }
            assertEquals("SUCCEEDED", described.get("status").asText(), described.toString());
            assertEquals("{\"model\":\"m7\",\"job\":{\"Status\":\"Completed\"}}", described.get("output").asText());
            assertTrue(calls.isEmpty(), "no second job: " + calls);
            List<String> types = history(app, arn);
            assertEquals(1, types.stream().filter("TaskSubmitted"::equals).count(), types.toString());
        }
    }

    // --- helpers ---

    /** The test connector: {@code arn:aws:states:::testjob:run.sync} only (no request-response form). */
    private static final ResourceResolver TEST_JOBS = (resource, camel) ->
            resource.equals("arn:aws:states:::testjob:run.sync") ? Optional.of("direct:testjob") : Optional.empty();

    private CamelContext app(String definition, String store) throws Exception {
        Path file = folder.resolve("job.asl.json");
        Files.writeString(file, definition);
        CamelContext context = StoreContexts.withStore(store, folder.resolve("store"));
        context.getComponent("asl", AslComponent.class).setResourceResolvers(List.of(TEST_JOBS));
        context.getShutdownStrategy().setTimeout(2); // a Task may still wait for its job when a test ends
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:run").to("asl:job?definition=file:" + file);
                from("direct:start").to("asl:job?definition=file:" + file + "&operation=startExecution");
                from("direct:describe").to("asl:job?operation=describeExecution");
                from("direct:stop").to("asl:job?operation=stopExecution");
                from("direct:history").to("asl:job?operation=getExecutionHistory");
                from("direct:testjob").process(e -> {
                    String token = e.getMessage().getHeader(AslConstants.TASK_TOKEN, String.class);
                    boolean resumed = Boolean.TRUE.equals(e.getMessage().getHeader(AslConstants.TASK_RESUMED,
                            Boolean.class));
                    JsonNode body = Json.parse(e.getMessage().getBody(String.class));
                    TaskCompletions.of(e.getContext()).onEnd(token, ends::add);
                    calls.add(new Call(token, resumed, body));
                    e.getMessage().setBody(resumed ? "ignored"
                            : "{\"JobId\": \"job-" + body.path("model").asText() + "\"}");
                });
            }
        });
        context.start();
        return context;
    }

    private static AslError failure(java.util.concurrent.Future<String> reply) throws Exception {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> {
            try {
                reply.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException wrapped) {
                throw (Exception) wrapped.getCause();
            }
        });
        return (AslError) e.getCause();
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
