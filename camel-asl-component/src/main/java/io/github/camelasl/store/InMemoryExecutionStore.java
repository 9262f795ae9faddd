package io.github.camelasl.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.history.ExecutionHistory;
import io.github.camelasl.history.HistoryEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store for EXPRESS executions and for tests: everything in memory, bounded so that a long-running app
 * does not grow without end (the oldest finished executions are forgotten first).
 */
public class InMemoryExecutionStore implements ExecutionStore {

    private final Map<String, Entry> executions = new ConcurrentHashMap<>();
    /** Finished executions in the order they finished: the eviction order, without scanning the map. */
    private final ConcurrentLinkedQueue<String> finishedOrder = new ConcurrentLinkedQueue<>();
    private final AtomicInteger finishedCount = new AtomicInteger();
    private final int maxFinished;

    private static final class Entry {
        volatile ExecutionRecord record;
        volatile Checkpoint checkpoint;
        final List<HistoryEvent> events = new ArrayList<>();

        Entry(ExecutionRecord record) {
            this.record = record;
        }
    }

    public InMemoryExecutionStore() {
        this(10_000);
    }

    public InMemoryExecutionStore(int maxFinished) {
        this.maxFinished = maxFinished;
    }

    @Override
    public ExecutionRecord create(ExecutionRecord record) {
        return executions.computeIfAbsent(record.executionArn(), arn -> new Entry(record)).record;
    }

    @Override
    public void checkpoint(String executionArn, Checkpoint checkpoint) {
        Entry entry = executions.get(executionArn);
        if (entry != null) {
            entry.checkpoint = checkpoint;
        }
    }

    @Override
    public void appendEvent(String executionArn, HistoryEvent event) {
        Entry entry = executions.get(executionArn);
        if (entry != null) {
            synchronized (entry.events) {
                entry.events.add(event);
            }
        }
    }

    @Override
    public void complete(ExecutionRecord finished) {
        Entry entry = executions.get(finished.executionArn());
        if (entry == null) {
            return;
        }
        entry.record = finished;
        entry.checkpoint = null;
        finishedOrder.add(finished.executionArn());
        if (finishedCount.incrementAndGet() > maxFinished) {
            String oldest = finishedOrder.poll();
            if (oldest != null) {
                executions.remove(oldest);
                finishedCount.decrementAndGet();
            }
        }
    }

    @Override
    public Optional<ExecutionRecord> find(String executionArn) {
        Entry entry = executions.get(executionArn);
        return entry == null ? Optional.empty() : Optional.of(entry.record);
    }

    /** The history events recorded for an execution. */
    public List<JsonNode> events(String executionArn) {
        Entry entry = executions.get(executionArn);
        if (entry == null) {
            return List.of();
        }
        synchronized (entry.events) {
            return ExecutionHistory.rendered(List.copyOf(entry.events));
        }
    }

    /** The last checkpoint of a running execution, if any. */
    public Optional<Checkpoint> lastCheckpoint(String executionArn) {
        Entry entry = executions.get(executionArn);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.checkpoint);
    }

    @Override
    public Collection<ExecutionRecord> list() {
        return executions.values().stream().map(e -> e.record).toList();
    }
}
