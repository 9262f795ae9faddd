package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.history.EventDetails;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** No payload limit of AWS's (256 KiB) applies to the data; only history copies are truncated, as AWS does. */
class LargePayloadTest extends EngineTestSupport {

    @Test
    void aTwentyMegabyteInputRunsThroughAMapWhole() throws Exception {
        ObjectNode input = Json.NODES.objectNode();
        ArrayNode items = input.putArray("items");
        String padding = "x".repeat(1000);
        for (int i = 0; i < 20_000; i++) {
            items.addObject().put("id", i).put("padding", padding);
        }
        StateMachineRuntime machine = deploy("""
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
                  "ItemProcessor": {"StartAt": "Keep", "States": {"Keep": {"Type": "Pass", "End": true}}},
                  "ResultPath": "$.copy", "End": true}}}""");
        ExecutionResult result = machine.start(input, null, Map.of(), List.of()).get(2, TimeUnit.MINUTES);
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), () -> result.error() + " " + result.cause());
        JsonNode copy = result.output().get("copy");
        assertEquals(20_000, copy.size());
        assertEquals(19_999, copy.get(19_999).get("id").intValue());
        assertEquals(padding, copy.get(19_999).get("padding").asText());
        JsonNode started = result.history().get(0).get("executionStartedEventDetails");
        assertTrue(started.at("/inputDetails/truncated").asBoolean());
        assertEquals(EventDetails.MAX_PAYLOAD_CHARS, started.get("input").asText().length());
    }
}
