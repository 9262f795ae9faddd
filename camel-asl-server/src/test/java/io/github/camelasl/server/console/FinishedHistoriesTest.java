package io.github.camelasl.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.store.ExecutionRecord;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FinishedHistoriesTest {

    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

    private static ExecutionRecord record(String name, ExecutionStatus status, Instant stop, int redriveCount) {
        return new ExecutionRecord("arn:aws:states:us-east-1:123456789012:execution:m:" + name,
                "arn:aws:states:us-east-1:123456789012:stateMachine:m", name, status, Json.NODES.objectNode(), null,
                null, null, START, stop, null, redriveCount, null);
    }

    private static List<JsonNode> events(int count) {
        return Collections.nCopies(count, Json.NODES.objectNode());
    }

    @Test
    void aFinishedHistoryIsFoundUntilTheExecutionChanges() {
        FinishedHistories histories = new FinishedHistories();
        ExecutionRecord failed = record("a", ExecutionStatus.FAILED, START.plusSeconds(1), 0);
        histories.keep(failed, events(3));
        assertEquals(3, histories.find(failed).orElseThrow().size());
        // redriven: running again, then finished again with a new stop date and count
        assertTrue(histories.find(record("a", ExecutionStatus.RUNNING, null, 1)).isEmpty());
        assertTrue(histories.find(record("a", ExecutionStatus.SUCCEEDED, START.plusSeconds(9), 1)).isEmpty());
    }

    @Test
    void aRunningHistoryIsNeverKept() {
        FinishedHistories histories = new FinishedHistories();
        ExecutionRecord running = record("b", ExecutionStatus.RUNNING, null, 0);
        histories.keep(running, events(3));
        assertTrue(histories.find(running).isEmpty());
    }

    @Test
    void theLeastRecentlyReadGiveWayWhenTheEventsKeptWouldBeTooMany() {
        FinishedHistories histories = new FinishedHistories();
        int third = FinishedHistories.MAX_EVENTS / 3;
        ExecutionRecord first = record("c1", ExecutionStatus.SUCCEEDED, START.plusSeconds(1), 0);
        ExecutionRecord second = record("c2", ExecutionStatus.SUCCEEDED, START.plusSeconds(2), 0);
        ExecutionRecord third3 = record("c3", ExecutionStatus.SUCCEEDED, START.plusSeconds(3), 0);
        histories.keep(first, events(third));
        histories.keep(second, events(third));
        histories.find(first); // read again: now the most recent
        histories.keep(third3, events(third + 10));
        assertTrue(histories.find(second).isEmpty(), "the least recently read gave way");
        assertTrue(histories.find(first).isPresent());
        assertTrue(histories.find(third3).isPresent());
        ExecutionRecord huge = record("c4", ExecutionStatus.SUCCEEDED, START.plusSeconds(4), 0);
        histories.keep(huge, events(FinishedHistories.MAX_EVENTS + 1));
        assertTrue(histories.find(huge).isEmpty(), "a history larger than all that may be kept is not kept");
        assertTrue(histories.find(first).isPresent(), "and pushes nothing out");
    }
}
