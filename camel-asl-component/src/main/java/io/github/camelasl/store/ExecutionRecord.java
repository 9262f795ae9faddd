package io.github.camelasl.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.engine.ExecutionStatus;
import java.time.Instant;

/**
 * What a store keeps of one execution: DescribeExecution's fields, and the definition it started with (a
 * resumed execution runs the version it started on, whatever is deployed since).
 *
 * @param name         the execution's name. Not kept when the ARN ends with ":" and it (a STANDARD
 *                     execution's ARN does): a store may hold many parked executions, and the name costs about
 *                     80 bytes each. {@link #name()} reads it back from the ARN, as it does when none is given
 * @param redriveCount how many times it was redriven (RedriveExecution)
 * @param redriveDate  when it was last redriven, or null
 */
public record ExecutionRecord(
        String executionArn, String stateMachineArn, String name, ExecutionStatus status, JsonNode input,
        JsonNode output, String error, String cause, Instant startDate, Instant stopDate, String definition,
        int redriveCount, Instant redriveDate) {

    public ExecutionRecord {
        if (name != null && executionArn != null && isArnSuffix(executionArn, name)) {
            name = null;
        }
    }

    @Override
    public String name() {
        if (name != null || executionArn == null) {
            return name;
        }
        int colon = executionArn.lastIndexOf(':');
        return colon < 0 ? null : executionArn.substring(colon + 1);
    }

    /** The record as Java prints records, with the name {@link #name()} gives (the field may be null). */
    @Override
    public String toString() {
        return "ExecutionRecord[executionArn=" + executionArn + ", stateMachineArn=" + stateMachineArn + ", name="
                + name() + ", status=" + status + ", input=" + input + ", output=" + output + ", error=" + error
                + ", cause=" + cause + ", startDate=" + startDate + ", stopDate=" + stopDate + ", definition="
                + definition + ", redriveCount=" + redriveCount + ", redriveDate=" + redriveDate + "]";
    }

    private static boolean isArnSuffix(String arn, String name) {
        int colon = arn.length() - name.length() - 1;
        return colon >= 0 && arn.charAt(colon) == ':' && arn.endsWith(name) && name.indexOf(':') < 0;
    }

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
