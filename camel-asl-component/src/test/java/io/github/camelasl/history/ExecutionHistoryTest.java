package io.github.camelasl.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An execution's history ends with its end event: nothing a branch still winding down writes comes after it. */
class ExecutionHistoryTest {

    @Test
    void anEventAfterTheEndIsNeitherRecordedNorHeard() {
        List<String> heard = new ArrayList<>();
        StringWriter text = new StringWriter();
        TracePrinter trace = new TracePrinter(new PrintWriter(text));
        List<HistoryListener> listeners = List.of(new HistoryListener() {
            @Override
            public void onEvent(ObjectNode event) {
                heard.add(event.path("type").asText());
            }
        }, trace);
        ExecutionHistory history = new ExecutionHistory("arn:e", List.of(), listeners, event -> { });
        history.append(HistoryEventType.ExecutionStarted, 0, null);
        long failed = history.append(HistoryEventType.ExecutionFailed, 1,
                Json.NODES.objectNode().put("error", "States.Runtime"));
        // a Parallel branch that was running when the execution failed
        ObjectNode entered = Json.NODES.objectNode().put("name", "Late");
        assertEquals(failed, history.append(HistoryEventType.StateEntered, "PassStateEntered", 1, entered));

        assertEquals(List.of("ExecutionStarted", "ExecutionFailed"), heard);
        assertEquals(2, history.events().size());
        assertEquals(0, trace.executionsInProgress(), "the trace forgot the execution at its end, for good");
    }
}
