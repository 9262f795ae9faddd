package io.github.camelasl.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.engine.ExecutionStatus;
import java.time.Instant;

/**
 * What a store keeps of one execution: DescribeExecution's fields, and the definition it started with (a
 * resumed execution runs the version it started on, whatever is deployed since).
 *
 * @param redriveCount how many times it was redriven (RedriveExecution)
 * @param redriveDate  when it was last redriven, or null
 */
public record ExecutionRecord(
        String executionArn, String stateMachineArn, String name, ExecutionStatus status, JsonNode input,
        JsonNode output, String error, String cause, Instant startDate, Instant stopDate, String definition,
        int redriveCount, Instant redriveDate) {

    public ExecutionRecord(String executionArn, String stateMachineArn, String name, ExecutionStatus status,
            JsonNode input, JsonNode output, String error, String cause, Instant startDate, Instant stopDate,
            String definition) {
        this(executionArn, stateMachineArn, name, status, input, output, error, cause, startDate, stopDate,
                definition, 0, null);
    }

    public ExecutionRecord(String executionArn, String stateMachineArn, String name, ExecutionStatus status,
            JsonNode input, JsonNode output, String error, String cause, Instant startDate, Instant stopDate) {
        this(executionArn, stateMachineArn, name, status, input, output, error, cause, startDate, stopDate, null);
    }

    public ExecutionRecord finished(ExecutionStatus newStatus, JsonNode newOutput, String newError, String newCause,
            Instant stop) {
        return new ExecutionRecord(executionArn, stateMachineArn, name, newStatus, input, newOutput, newError,
                newCause, startDate, stop, definition, redriveCount, redriveDate);
    }

    /** RUNNING again, as RedriveExecution leaves it: no end, one more redrive. */
    public ExecutionRecord redriven(Instant date) {
        return new ExecutionRecord(executionArn, stateMachineArn, name, ExecutionStatus.RUNNING, input, null, null,
                null, startDate, null, definition, redriveCount + 1, date);
    }

    /** FAILED, TIMED_OUT and ABORTED executions can be redriven (from the state that did not succeed). */
    public boolean redrivable() {
        return status == ExecutionStatus.FAILED || status == ExecutionStatus.TIMED_OUT
                || status == ExecutionStatus.ABORTED;
    }
}
