package io.github.camelasl.teststate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.history.HistoryEvent;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.ExecutionStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Keeps nothing: the one-Task executions TestState runs are no executions of the user's (AWS lists none), and
 * a store that kept them would grow with every test.
 */
final class ForgettingStore implements ExecutionStore {

    @Override
    public ExecutionRecord create(ExecutionRecord record) {
        return record;
    }

    @Override
    public void checkpoint(String executionArn, Checkpoint checkpoint) {
    }

    @Override
    public void appendEvent(String executionArn, HistoryEvent event) {
    }

    @Override
    public Recorder recorder(String executionArn) {
        return Recorder.NOWHERE;
    }

    @Override
    public void complete(ExecutionRecord finished) {
    }

    @Override
    public Optional<ExecutionRecord> redrive(String executionArn, Instant redriveDate) {
        return Optional.empty();
    }

    @Override
    public Optional<ExecutionRecord> find(String executionArn) {
        return Optional.empty();
    }

    @Override
    public List<ExecutionRecord> findByName(String executionName) {
        return List.of();
    }

    @Override
    public Collection<ExecutionRecord> list() {
        return List.of();
    }

    @Override
    public List<JsonNode> events(String executionArn) {
        return List.of();
    }

    @Override
    public Optional<Checkpoint> lastCheckpoint(String executionArn) {
        return Optional.empty();
    }
}
