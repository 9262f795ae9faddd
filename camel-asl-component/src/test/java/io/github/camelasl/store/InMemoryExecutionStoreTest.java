package io.github.camelasl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.history.ExecutionHistory;
import io.github.camelasl.history.HistoryEventType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryExecutionStoreTest {

    @Test
    void keepsStateMachinesOldestFirstUntilDeleted() {
        InMemoryExecutionStore store = new InMemoryExecutionStore();
        java.time.Instant created = java.time.Instant.ofEpochMilli(1_700_000_000_000L);
        StoredStateMachine later = new StoredStateMachine("arn:b", "b", "STANDARD", "arn:role", "{}",
                created.plusSeconds(1), null);
        StoredStateMachine first = new StoredStateMachine("arn:a", "a", "STANDARD", "arn:role", "{}", created, null);
        store.putStateMachine(later);
        store.putStateMachine(first);
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(first, later), store.stateMachines());
        StoredStateMachine updated = new StoredStateMachine("arn:a", "a", "STANDARD", "arn:role", "{\"x\":1}", created,
                created.plusSeconds(5));
        store.putStateMachine(updated);
        store.deleteStateMachine("arn:b");
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(updated), store.stateMachines());
    }

    @Test
    void keepsVersionsAndAliasesUntilTheirStateMachineIsDeleted() {
        InMemoryExecutionStore store = new InMemoryExecutionStore();
        Instant created = Instant.ofEpochMilli(1_700_000_000_000L);
        StoredStateMachineVersion two = new StoredStateMachineVersion("arn:a", 2, "{}", "arn:role", null, created);
        StoredStateMachineVersion one = new StoredStateMachineVersion("arn:a", 1, "{}", "arn:role", "d", created);
        store.putStateMachineVersion(two);
        store.putStateMachineVersion(one);
        store.putStateMachineVersion(new StoredStateMachineVersion("arn:a", 3, "{}", "arn:role", null, created));
        store.deleteStateMachineVersion("arn:a", 3);
        StoredStateMachineAlias alias = new StoredStateMachineAlias("arn:a", "prod", null,
                List.of(new StoredStateMachineAlias.Route("arn:a:1", 100)), created, created);
        store.putStateMachineAlias(alias);
        assertEquals(List.of(one, two), store.stateMachineVersions());
        assertEquals(3, store.lastStateMachineVersionNumber("arn:a"));
        assertEquals(List.of(alias), store.stateMachineAliases());
        store.deleteStateMachineAlias("arn:a", "prod");
        assertEquals(List.of(), store.stateMachineAliases());
        store.putStateMachineAlias(alias);
        store.deleteStateMachine("arn:a");
        assertEquals(List.of(), store.stateMachineVersions());
        assertEquals(List.of(), store.stateMachineAliases());
        assertEquals(0, store.lastStateMachineVersionNumber("arn:a"));
    }

    @Test
    void forgetsTheOldestFinishedExecutionsBeyondTheCount() {
        InMemoryExecutionStore store = new InMemoryExecutionStore(3, 1_000);
        for (int i = 0; i < 5; i++) {
            run(store, "e" + i, 1);
        }
        assertEquals(List.of("e2", "e3", "e4"), kept(store, 5));
    }

    @Test
    void forgetsTheOldestFinishedExecutionsBeyondTheItemBudget() {
        InMemoryExecutionStore store = new InMemoryExecutionStore(100, 10);
        run(store, "e0", 4);
        run(store, "e1", 4);
        run(store, "e2", 4); // 12 events > 10: e0 goes
        assertEquals(List.of("e1", "e2"), kept(store, 3));
        assertEquals(4, store.events("e1").size());
    }

    @Test
    void aWideInputOrOutputWeighsAsMuchAsItHoldsItems() {
        InMemoryExecutionStore store = new InMemoryExecutionStore(100, 10);
        for (String arn : List.of("e0", "e1")) {
            store.create(record(arn, ExecutionStatus.RUNNING));
            com.fasterxml.jackson.databind.node.ArrayNode mapOutput = Json.NODES.arrayNode();
            for (int i = 0; i < 8; i++) {
                mapOutput.add(i);
            }
            Instant now = Instant.now();
            store.complete(new ExecutionRecord(arn, "sm", arn, ExecutionStatus.SUCCEEDED, Json.NODES.objectNode(),
                    mapOutput, null, null, now, now)); // no events, but an output of 8 items
        }
        assertEquals(List.of("e1"), kept(store, 2), "8 + 8 items > 10: the older one goes");
    }

    @Test
    void neverForgetsARunningExecution() {
        InMemoryExecutionStore store = new InMemoryExecutionStore(1, 1);
        store.create(record("running", ExecutionStatus.RUNNING));
        run(store, "a", 5);
        run(store, "b", 5);
        assertTrue(store.find("running").isPresent());
        assertFalse(store.find("a").isPresent());
        assertTrue(store.find("b").isPresent(), "the latest finished execution stays even when over the budget");
    }

    private static void run(InMemoryExecutionStore store, String arn, int events) {
        store.create(record(arn, ExecutionStatus.RUNNING));
        ExecutionHistory history = new ExecutionHistory(List.of(), store.recorder(arn)::appendEvent);
        for (int i = 0; i < events; i++) {
            history.append(HistoryEventType.StateEntered, i, Json.NODES.objectNode());
        }
        store.complete(record(arn, ExecutionStatus.SUCCEEDED));
    }

    private static List<String> kept(InMemoryExecutionStore store, int upTo) {
        return java.util.stream.IntStream.range(0, upTo).mapToObj(i -> "e" + i)
                .filter(arn -> store.find(arn).isPresent()).toList();
    }

    private static ExecutionRecord record(String arn, ExecutionStatus status) {
        Instant now = Instant.now();
        return new ExecutionRecord(arn, "sm", arn, status, Json.NODES.objectNode(), null, null, null, now,
                status == ExecutionStatus.RUNNING ? null : now);
    }

    @Test
    void keepsTheDeletingMarkUntilTheStateMachineIsDeleted() {
        InMemoryExecutionStore store = new InMemoryExecutionStore();
        store.putStateMachine(new StoredStateMachine("arn:a", "a", "STANDARD", "arn:role", "{}",
                Instant.ofEpochMilli(1_700_000_000_000L), null));
        store.markStateMachineDeleting("arn:a");
        assertEquals(java.util.Set.of("arn:a"), store.deletingStateMachines());
        store.deleteStateMachine("arn:a");
        assertEquals(java.util.Set.of(), store.deletingStateMachines());
    }
}
