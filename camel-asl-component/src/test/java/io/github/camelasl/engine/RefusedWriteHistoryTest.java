package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.history.HistoryEventType;
import io.github.camelasl.history.HistoryListener;
import io.github.camelasl.history.TracePrinter;
import io.github.camelasl.store.InMemoryExecutionStore;
import io.github.camelasl.store.RefusedWriteException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * An execution the store's refusal ends (Execution.failRefused) writes its ExecutionFailed after its committed
 * events; what a Map iteration still winding down writes after it is neither recorded nor heard, as after any other
 * end (a trace would reopen the execution and never close it).
 */
class RefusedWriteHistoryTest {

    @Test
    void nothingIsHeardAfterTheEndOfARefusedExecution() {
        List<String> heard = new CopyOnWriteArrayList<>();
        TracePrinter trace = new TracePrinter(new PrintWriter(Writer.nullWriter()));
        HistoryListener listener = new HistoryListener() {
            @Override
            public void onEvent(ObjectNode event) {
            }

            @Override
            public void onEvent(String executionArn, ObjectNode event) {
                heard.add(event.path("type").asText());
                trace.onEvent(executionArn, event);
            }
        };
        StateMachineConfig config = new StateMachineConfig("m", "STANDARD", "aws", "us-east-1", "123456789012", null);
        Execution execution = new Execution(config, "refused", Json.NODES.objectNode(), new InMemoryExecutionStore(),
                List.of(listener), Map.of(), "{}");
        execution.started();
        execution.history().append(HistoryEventType.MapIterationStarted, 1, (ObjectNode) null);

        execution.failRefused(new RefusedWriteException("the event is too big", null));
        long ended = execution.history().lastEventId();
        // an iteration still running ends after it (SubMachineRun writes its end straight to the history)
        execution.history().append(HistoryEventType.MapIterationSucceeded, 2, (ObjectNode) null);

        assertEquals(List.of("ExecutionStarted", "MapIterationStarted", "ExecutionFailed"), heard);
        assertEquals(ended, execution.history().lastEventId(), "nothing is recorded after the end");
        assertEquals(0, trace.executionsInProgress());
    }
}
