package io.github.camelasl.graph;

import static io.github.camelasl.graph.RenderTest.entered;
import static io.github.camelasl.graph.RenderTest.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The task token a .waitForTaskToken Task waits for, as its detail shows it. */
class TaskTokenTest {

    private static final String DEFINITION = """
            {"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
              "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters": {"QueueUrl": "q", "MessageBody": {"Order.$": "$", "Callback.$": "$$.Task.Token"}},
              "End": true}}}""";

    @Test
    void aWaitingTaskShowsTheTokenItHandedOn() {
        JsonNode detail = new ExecutionGraphs(1).stateDetail(DEFINITION, history(
                "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "{\"QueueUrl\": \"q\", \"MessageBody\": {\"Order\": {}, \"CallbackToken\": \"AAAA-token\"}}"), "Ask",
                null);
        assertEquals("RUNNING", detail.path("status").asText());
        assertEquals("AAAA-token", detail.path("taskToken").asText(), detail::toString);
        assertTrue(detail.path("stopDate").isNull());
    }

    @Test
    void aTaskThatDoesNotWaitForATokenHasNone() {
        JsonNode detail = new ExecutionGraphs(1).stateDetail(DEFINITION, history("arn:aws:states:::sqs:sendMessage",
                "{\"TaskToken\": \"looks like one\"}"), "Ask", null);
        assertTrue(detail.path("taskToken").isNull(), detail::toString);
    }

    private static List<JsonNode> history(String resource, String parameters) {
        ObjectNode scheduled = event(3, 2, "TaskScheduled", null);
        scheduled.putObject("taskScheduledEventDetails").put("resource", resource).put("parameters", parameters);
        return List.of(event(1, 0, "ExecutionStarted", null), entered(2, 1, "Task", "Ask"), scheduled,
                event(4, 3, "TaskStarted", null), event(5, 4, "TaskSubmitted", null));
    }
}
