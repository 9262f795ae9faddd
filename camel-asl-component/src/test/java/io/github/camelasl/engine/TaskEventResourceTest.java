package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Task event of a state names the same resourceType and resource, the ones AWS writes, whatever endpoint runs
 * the Task: corpus cases error_handling_test_task_service_lambda.TestTaskServiceLambda
 * .test_raise_exception_catch_output_path[None] ("lambda", "invoke" on TaskScheduled, TaskStarted and TaskFailed)
 * and error_handling_test_aws_sdk.TestAwsSdk.test_no_such_bucket ("aws-sdk:s3", "listObjects"). A Lambda function
 * ARN's events are AWS's LambdaFunction* ones instead.
 */
class TaskEventResourceTest {

    @TempDir
    Path dir;

    @Test
    void anIntegrationsEventsNameItsServiceAndAction() throws Exception {
        assertEquals(List.of("lambda invoke"), resourcePairs("arn:aws:states:::lambda:invoke"));
        assertEquals(List.of("sns publish"), resourcePairs("arn:aws:states:::sns:publish"));
    }

    @Test
    void anAwsSdkIntegrationsEventsNameItsServiceWithAwsSdk() throws Exception {
        assertEquals(List.of("aws-sdk:s3 listObjects"), resourcePairs("arn:aws:states:::aws-sdk:s3:listObjects"));
    }

    /**
     * A Lambda function ARN's call has AWS's LambdaFunction* events, the function named only on the scheduled one:
     * corpus cases services_test_lambda_task.TestTaskLambda.test_invoke_pipe (Scheduled with input and resource,
     * Started with no details, Succeeded with output) and scenarios_test_base_scenarios.TestBaseScenarios
     * .test_lambda_invoke_with_retry_base (Failed with error and cause, then Scheduled again).
     */
    @Test
    void aLambdaFunctionArnsEventsAreAwsLambdaFunctionEvents() throws Exception {
        String function = "arn:aws:lambda:us-east-1:123456789012:function:score";
        List<JsonNode> events = run(function);
        List<JsonNode> calls = events.stream().filter(e -> e.get("type").asText().startsWith("LambdaFunction"))
                .toList();
        assertEquals(List.of("LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionFailed",
                "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded"),
                calls.stream().map(e -> e.get("type").asText()).toList());
        assertEquals(List.of(), events.stream().map(e -> e.get("type").asText())
                .filter(t -> t.startsWith("Task") && !t.startsWith("TaskState")).toList());
        assertEquals("{\"input\":\"{\\\"n\\\":1}\",\"inputDetails\":{\"truncated\":false},\"resource\":\"" + function
                + "\"}", calls.get(0).get("lambdaFunctionScheduledEventDetails").toString());
        assertEquals(List.of("id", "previousEventId", "timestamp", "type"), fieldNames(calls.get(1)));
        assertEquals("States.TaskFailed", calls.get(2).at("/lambdaFunctionFailedEventDetails/error").asText());
        assertTrue(calls.get(2).at("/lambdaFunctionFailedEventDetails/cause").asText().contains("busy"));
        assertEquals("{\"output\":\"{}\",\"outputDetails\":{\"truncated\":false}}",
                calls.get(5).get("lambdaFunctionSucceededEventDetails").toString());
    }

    private static List<String> fieldNames(JsonNode event) {
        List<String> names = new java.util.ArrayList<>();
        event.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }

    @Test
    void aCamelUrisEventsNameItsSchemeAndTheUri() throws Exception {
        assertEquals(List.of("direct direct:flaky"), resourcePairs("direct:flaky"));
    }

    /**
     * The distinct "resourceType resource" pairs of the Task events of a Task on {@code resource} that fails once,
     * is retried and succeeds (run on a local route through a resource mapping).
     */
    private List<String> resourcePairs(String resource) throws Exception {
        List<JsonNode> events = run(resource);
        List<String> types = events.stream().map(e -> e.get("type").asText()).filter(t -> t.startsWith("Task"))
                .filter(t -> !t.startsWith("TaskState")).toList();
        assertEquals(List.of("TaskScheduled", "TaskStarted", "TaskFailed", "TaskScheduled", "TaskStarted",
                "TaskSucceeded"), types);
        return events.stream().filter(e -> e.get("type").asText().matches("Task(Scheduled|Started|Failed|Succeeded)"))
                .map(TaskEventResourceTest::resourcePair)
                .distinct().toList();
    }

    /** The events of a run of a Task on {@code resource} that fails once, is retried and succeeds. */
    private List<JsonNode> run(String resource) throws Exception {
        Path definition = Files.writeString(dir.resolve("m.asl.json"), """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "%s",
                  "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 1}],
                  "End": true}}}""".formatted(resource));
        Path mappings = Files.writeString(dir.resolve("map.json"), "{\"" + resource + "\": \"direct:flaky\"}");
        AtomicInteger calls = new AtomicInteger();
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            AslComponent asl = camel.getComponent("asl", AslComponent.class);
            asl.setHistoryListener(events::add);
            if (!resource.startsWith("direct:")) {
                asl.setResourceMappings("file:" + mappings);
            }
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:start").to("asl:m?definition=file:" + definition);
                    from("direct:flaky").process(e -> {
                        if (calls.incrementAndGet() == 1) {
                            throw new IllegalStateException("busy");
                        }
                        e.getMessage().setBody("{}");
                    });
                }
            });
            camel.start();
            camel.createProducerTemplate().requestBody("direct:start", "{\"n\": 1}");
        }
        return events;
    }

    private static String resourcePair(JsonNode event) {
        String type = event.get("type").asText();
        JsonNode details = event.get(Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails");
        return details.path("resourceType").asText() + " " + details.path("resource").asText();
    }
}
