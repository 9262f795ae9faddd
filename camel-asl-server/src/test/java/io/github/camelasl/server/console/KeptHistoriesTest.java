package io.github.camelasl.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.store.ExecutionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeptHistoriesTest {

    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

    /** A store's events of one execution, which records what it was asked for. */
    private static final class Events implements KeptHistories.EventReader {
        final List<JsonNode> written = new ArrayList<>();
        final List<Long> askedAfter = new ArrayList<>();

        void write(int count) {
            for (int i = 0; i < count; i++) {
                written.add(Json.NODES.objectNode().put("id", written.size() + 1));
            }
        }

        @Override
        public List<JsonNode> after(long eventId, int limit) {
            askedAfter.add(eventId);
            return List.copyOf(written.subList((int) eventId, Math.min(written.size(), (int) eventId + limit)));
        }
    }

    private static ExecutionRecord record(String name, ExecutionStatus status, Instant stop, int redriveCount) {
        return new ExecutionRecord("arn:aws:states:us-east-1:123456789012:execution:m:" + name,
                "arn:aws:states:us-east-1:123456789012:stateMachine:m", name, status, Json.NODES.objectNode(), null,
                null, null, START, stop, null, redriveCount, null);
    }

    @Test
    void aRunningHistoryIsReadOnFromItsLastEventThenAgainWhenTheExecutionChanges() throws Exception {
        KeptHistories histories = new KeptHistories();
        Events events = new Events();
        ExecutionRecord running = record("a", ExecutionStatus.RUNNING, null, 0);
        events.write(5);
        assertEquals(5, histories.history(running, 100, events).size());
        events.write(3);
        List<JsonNode> later = histories.history(running, 100, events);
        assertEquals(8, later.size());
        assertEquals(8, later.get(7).path("id").asInt());
        assertEquals(List.of(0L, 5L), events.askedAfter, "the second read went on from event 5");

        ExecutionRecord failed = record("a", ExecutionStatus.FAILED, START.plusSeconds(1), 0);
        events.write(1);
        assertEquals(9, histories.history(failed, 100, events).size());
        assertEquals(9, histories.history(failed, 100, events).size());
        assertEquals(List.of(0L, 5L, 0L, 9L), events.askedAfter, "a finished execution is read once, then on");

        ExecutionRecord redriven = record("a", ExecutionStatus.RUNNING, null, 1);
        events.write(2);
        assertEquals(11, histories.history(redriven, 100, events).size());
        assertEquals(0L, events.askedAfter.get(events.askedAfter.size() - 1), "a redrive reads it all again");
    }

    @Test
    void aHistoryOverTheLimitIsGivenOneEventOverAndNotKept() throws Exception {
        KeptHistories histories = new KeptHistories();
        Events events = new Events();
        events.write(30);
        ExecutionRecord done = record("b", ExecutionStatus.SUCCEEDED, START.plusSeconds(1), 0);
        assertEquals(11, histories.history(done, 10, events).size());
        assertEquals(0, histories.keptEvents());
        assertEquals(11, histories.history(done, 10, events).size());
        assertEquals(List.of(0L, 0L), events.askedAfter);
    }

    @Test
    void theLeastRecentlyReadGiveWayWhenTooManyEventsAreKept() throws Exception {
        KeptHistories histories = new KeptHistories();
        int third = KeptHistories.MAX_EVENTS / 3;
        List<Events> stores = new ArrayList<>();
        List<ExecutionRecord> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Events events = new Events();
            events.write(third + (i == 2 ? 10 : 0));
            stores.add(events);
            records.add(record("c" + i, ExecutionStatus.SUCCEEDED, START.plusSeconds(i + 1), 0));
        }
        histories.history(records.get(0), KeptHistories.MAX_EVENTS * 2, stores.get(0));
        histories.history(records.get(1), KeptHistories.MAX_EVENTS * 2, stores.get(1));
        histories.history(records.get(0), KeptHistories.MAX_EVENTS * 2, stores.get(0)); // the most recent now
        histories.history(records.get(2), KeptHistories.MAX_EVENTS * 2, stores.get(2));
        assertEquals(2 * third + 10, histories.keptEvents(), "the second gave way");
        histories.history(records.get(1), KeptHistories.MAX_EVENTS * 2, stores.get(1));
        assertEquals(List.of(0L, 0L), stores.get(1).askedAfter, "and is read from the start again");
        assertEquals(List.of(0L, (long) third), stores.get(0).askedAfter, "the first was kept");
    }
}
