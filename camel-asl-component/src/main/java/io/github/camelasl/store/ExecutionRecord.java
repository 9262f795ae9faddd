package io.github.camelasl.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.engine.ExecutionStatus;
import java.time.Instant;

/**
 * What a store keeps of one execution: DescribeExecution's fields, and the definition it started with (a
 * resumed execution runs the version it started on, whatever is deployed since).
 */
public record ExecutionRecord(
        String executionArn, String stateMachineArn, String name, ExecutionStatus status, JsonNode input,
        JsonNode output, String error, String cause, Instant startDate, Instant stopDate, String definition) {

    public ExecutionRecord(String executionArn, String stateMachineArn, String name, ExecutionStatus status,
            JsonNode input, JsonNode output, String error, String cause, Instant startDate, Instant stopDate) {
        this(executionArn, stateMachineArn, name, status, input, output, error, cause, startDate, stopDate, null);
    }

    public ExecutionRecord finished(ExecutionStatus newStatus, JsonNode newOutput, String newError, String newCause,
            Instant stop) {
        return new ExecutionRecord(executionArn, stateMachineArn, name, newStatus, input, newOutput, newError,
                newCause, startDate, stop, definition);
    }
}
