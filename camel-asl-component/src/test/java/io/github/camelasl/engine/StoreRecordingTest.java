package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every history event an execution writes reaches its store, in order, the first one included. */
class StoreRecordingTest extends EngineTestSupport {

    @Test
    void theStoreKeepsTheWholeHistory() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Next": "B"},
                  "B": {"Type": "Parallel", "Branches": [
                    {"StartAt": "C", "States": {"C": {"Type": "Pass", "End": true}}}], "End": true}}}
                """, "{\"x\": 1}");
        List<JsonNode> stored = store.events(result.executionArn());
        assertEquals(result.history().size(), stored.size());
        assertEquals(result.history(), stored);
        assertEquals("ExecutionStarted", stored.get(0).get("type").asText());
        assertEquals("ExecutionSucceeded", stored.get(stored.size() - 1).get("type").asText());
    }
}
