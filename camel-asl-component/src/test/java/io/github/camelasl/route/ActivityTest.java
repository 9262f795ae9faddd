package io.github.camelasl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.AslComponent;
import io.github.camelasl.AslConstants;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.history.HistoryListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Activities: a Task whose Resource is an activity ARN queues its task for the workers of
 * {@code from("asl:activity:NAME")}, which answer through the route's end or, later, the sendTask* operations;
 * the history shows AWS's Activity events.
 */
class ActivityTest {

    private static final String REVIEW = """
            {"StartAt": "Review", "States": {
              "Review": {"Type": "Task", "Resource": "arn:aws:states:us-east-1:123456789012:activity:review",
                         "Parameters": {"doc.$": "$.doc"}, "ResultPath": "$.review",
                         "Catch": [{"ErrorEquals": ["Rejected"], "ResultPath": "$.rejected", "Next": "Back"}],
                         "End": true},
              "Back": {"Type": "Pass", "End": true}}}""";

    @TempDir
    Path folder;

    private final List<String> events = new CopyOnWriteArrayList<>();

    @Test
    void aWorkerRouteAnswersTheTaskWithItsResult() throws Exception {
        try (CamelContext app = app(new RouteBuilder() {
            @Override
            public void configure() {
                from("asl:activity:review").process(e -> {
                    String doc = Json.parse(e.getMessage().getBody(String.class)).get("doc").asText();
                    assertTrue(e.getMessage().getHeader(AslConstants.TASK_TOKEN, String.class).length() > 40);
                    e.getMessage().setBody("{\"reviewed\": \"" + doc + "\"}");
                });
            }
        })) {
            assertEquals("{\"doc\":\"d1\",\"review\":{\"reviewed\":\"d1\"}}",
                    app.createProducerTemplate().requestBody("direct:run", "{\"doc\": \"d1\"}", String.class));
            assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted",
                    "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded"), events);
        }
    }

    @Test
    void aWorkerMayAnswerLaterWithTheOperations() throws Exception {
        BlockingQueue<String> tokens = new LinkedBlockingQueue<>();
        try (CamelContext app = app(new RouteBuilder() {
            @Override
            public void configure() {
                from("asl:activity:review?autoReply=false")
                        .process(e -> tokens.add(e.getMessage().getHeader(AslConstants.TASK_TOKEN, String.class)));
                from("direct:reject").to("asl:any?operation=sendTaskFailure");
            }
        })) {
            var reply = app.createProducerTemplate().asyncRequestBody("direct:run", "{\"doc\": \"d2\"}", String.class);
            String token = tokens.poll(10, TimeUnit.SECONDS);
            Thread.sleep(100);
            assertTrue(!reply.isDone(), "the activity waits for its worker's answer");
            app.createProducerTemplate().requestBody("direct:reject", "{\"taskToken\": \"" + token
                    + "\", \"error\": \"Rejected\", \"cause\": \"typos\"}");
            assertEquals("{\"doc\":\"d2\",\"rejected\":{\"Error\":\"Rejected\",\"Cause\":\"typos\"}}",
                    reply.get(10, TimeUnit.SECONDS));
            assertTrue(events.contains("ActivityFailed"), events.toString());
        }
    }

    private CamelContext app(RouteBuilder workers) throws Exception {
        Path file = folder.resolve("review.asl.json");
        Files.writeString(file, REVIEW);
        CamelContext context = new DefaultCamelContext();
        context.getShutdownStrategy().setTimeout(2);
        AslComponent asl = new AslComponent();
        asl.setStore("memory");
        asl.setHistoryListener((HistoryListener) event -> events.add(event.get("type").asText()));
        context.addComponent("asl", asl);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:run").to("asl:review?definition=file:" + file);
            }
        });
        context.addRoutes(workers);
        context.start();
        return context;
    }
}
