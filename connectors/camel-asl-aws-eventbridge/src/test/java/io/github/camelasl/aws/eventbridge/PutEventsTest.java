package io.github.camelasl.aws.eventbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.aws.testing.EventBridgeStandIn;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** events:putEvents Tasks, run through the asl: endpoint against a local EventBridge stand-in. */
class PutEventsTest {

    private static final AtomicInteger MACHINES = new AtomicInteger();

    private static EventBridgeStandIn events;
    private static CamelContext camel;
    private static ProducerTemplate template;
    private int seen;

    @BeforeAll
    static void start() throws Exception {
        events = new EventBridgeStandIn("eu-west-1");
        camel = new DefaultCamelContext();
        EventBridgeConfiguration config = camel.getComponent("asl-aws-eventbridge", EventBridgeComponent.class)
                .getConfiguration();
        config.setRegion("eu-west-1");
        config.setUriEndpointOverride(events.endpoint().toString());
        config.setAccessKey("test");
        config.setSecretKey("test");
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        if (events != null) {
            events.close();
        }
    }

    @BeforeEach
    void countEventsSoFar() {
        seen = events.events().size();
    }

    @Test
    void putsEventsWithObjectDetailAsTextAndTheExecutionAsResources() throws Exception {
        String name = "machine" + MACHINES.incrementAndGet();
        JsonNode output = run(name, """
                {"StartAt": "Put", "States": {"Put": {
                  "Type": "Task", "Resource": "arn:aws:states:::events:putEvents",
                  "Parameters": {"Entries": [
                    {"Source": "shop.orders", "DetailType": "OrderPlaced", "Detail": {"order.$": "$.order"}},
                    {"Source": "shop.orders", "DetailType": "OrderPlaced", "Detail": "{\\"order\\": 2}",
                     "Resources": ["arn:aws:sqs:eu-west-1:123456789012:audit"]}]},
                  "End": true}}}""", "{\"order\": 1}");

        assertEquals(List.of("Entries", "FailedEntryCount"), fieldNames(output).stream().sorted().toList(),
                output.toString());
        assertEquals(0, output.path("FailedEntryCount").asInt());
        List<JsonNode> put = events.events().subList(seen, seen + 2);
        assertEquals(output.at("/Entries/0/EventId").asText(), put.get(0).path("id").asText());
        assertEquals(output.at("/Entries/1/EventId").asText(), put.get(1).path("id").asText());
        assertEquals(Json.parse("{\"order\": 1}"), put.get(0).path("detail"));
        assertEquals(Json.parse("{\"order\": 2}"), put.get(1).path("detail"));
        // the sent Detail was the object's JSON text
        assertEquals("{\"order\":1}", events.requests().get(events.requests().size() - 1).body()
                .at("/Entries/0/Detail").asText());
        // Step Functions appends the state machine's and the execution's ARNs to each entry's Resources
        JsonNode resources = put.get(1).path("resources");
        assertEquals(3, resources.size(), resources.toString());
        assertEquals("arn:aws:sqs:eu-west-1:123456789012:audit", resources.get(0).asText());
        assertTrue(resources.get(1).asText().matches("arn:aws:states:[^:]+:\\d{12}:stateMachine:" + name),
                resources.toString());
        assertTrue(resources.get(2).asText().startsWith("arn:aws:states:")
                && resources.get(2).asText().contains(":execution:" + name + ":"), resources.toString());
        assertEquals(resources.get(1), put.get(0).path("resources").get(0));
    }

    @Test
    void aFailedEntryFailsTheTaskWithTheResponseAsCause() throws Exception {
        CamelExecutionException thrown = assertThrows(CamelExecutionException.class, () -> run(
                "machine" + MACHINES.incrementAndGet(), """
                {"StartAt": "Put", "States": {"Put": {
                  "Type": "Task", "Resource": "arn:aws:states:::events:putEvents",
                  "Parameters": {"Entries.$": "$.entries"}, "End": true}}}""", """
                {"entries": [{"Source": "s", "DetailType": "d", "Detail": "{}"},
                             {"Source": "s", "DetailType": "d", "Detail": "\\"jsonstring\\""},
                             {"DetailType": "d", "Detail": "{}"}]}"""));
        AslError error = assertInstanceOf(AslError.class, thrown.getCause());
        assertEquals("EventBridge.FailedEntry", error.error());
        JsonNode cause = Json.parse(error.cause());
        assertEquals(2, cause.path("FailedEntryCount").asInt(), error.cause());
        assertEquals(List.of("EventId"), fieldNames(cause.at("/Entries/0")));
        assertEquals(Json.parse("{\"ErrorCode\": \"MalformedDetail\", \"ErrorMessage\": \"Detail is malformed.\"}"),
                cause.at("/Entries/1"));
        assertEquals("InvalidArgument", cause.at("/Entries/2/ErrorCode").asText());
    }

    @Test
    void waitForTaskTokenPutsTheEventAndWaitsForItsConsumer() throws Exception {
        String name = "machine" + MACHINES.incrementAndGet();
        camel.getRegistry().bind(name, """
                {"StartAt": "Ask", "States": {"Ask": {
                  "Type": "Task", "Resource": "arn:aws:states:::events:putEvents.waitForTaskToken",
                  "Parameters": {"Entries": [{"Source": "shop", "DetailType": "Approve",
                    "Detail": {"order.$": "$.order", "token.$": "$$.Task.Token"}}]},
                  "ResultPath": "$.approval", "End": true}}}""");
        var reply = template.asyncRequestBody("asl:" + name + "?definition=ref:" + name, "{\"order\": 9}",
                String.class);

        JsonNode event = awaitEvent();
        assertEquals(9, event.at("/detail/order").asInt());
        assertTrue(!reply.isDone(), "the Task waits for the consumer");
        template.requestBody("asl:any?operation=sendTaskSuccess", "{\"taskToken\": \""
                + event.at("/detail/token").asText() + "\", \"output\": \"{\\\"approved\\\": true}\"}", String.class);
        JsonNode output = Json.parse(reply.get(10, TimeUnit.SECONDS));
        assertEquals("{\"approved\":true}", output.path("approval").toString());
    }

    @Test
    void theStateMachineArnOfAnExpressExecution() {
        assertEquals(List.of("arn:aws:states:us-east-1:123456789012:stateMachine:m",
                        "arn:aws:states:us-east-1:123456789012:express:m:n:0c2b"),
                PutEvents.arnsOf("arn:aws:states:us-east-1:123456789012:express:m:n:0c2b"));
        assertEquals(List.of("not-an-arn"), PutEvents.arnsOf("not-an-arn"));
    }

    private JsonNode awaitEvent() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (events.events().size() <= seen) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no event was put");
            }
            Thread.sleep(20);
        }
        return events.events().get(seen);
    }

    private static JsonNode run(String name, String definition, String input) throws Exception {
        camel.getRegistry().bind(name, definition);
        return Json.parse(template.requestBody("asl:" + name + "?definition=ref:" + name, input, String.class));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
