package io.github.camelasl.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store for EXPRESS executions and for tests: everything in memory, bounded so that a long-running app
 * does not grow without end (the oldest finished executions are forgotten first).
 */
public class InMemoryExecutionStore implements ExecutionStore {

    private final Map<String, Entry> executions = new ConcurrentHashMap<>();
    private final int maxFinished;

    private static final class Entry {
        volatile ExecutionRecord record;
        volatile Checkpoint checkpoint;
        final List<JsonNode> events = new ArrayList<>();

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
    public void appendEvent(String executionArn, JsonNode event) {
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
        if (entry != null) {
            entry.record = finished;
            entry.checkpoint = null;
        }
        if (executions.size() > maxFinished) {
            evictOldestFinished();
        }
    }

    private void evictOldestFinished() {
        executions.values().stream()
                .filter(e -> e.record.stopDate() != null)
                .min((a, b) -> a.record.stopDate().compareTo(b.record.stopDate()))
                .ifPresent(e -> executions.remove(e.record.executionArn()));
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
            return List.copyOf(entry.events);
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
