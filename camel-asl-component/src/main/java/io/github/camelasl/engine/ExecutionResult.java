package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** How an execution ended: AWS's DescribeExecution fields, plus its history. */
public record ExecutionResult(
        String executionArn, String name, ExecutionStatus status, JsonNode output, String error, String cause,
        Instant startDate, Instant stopDate, List<JsonNode> history) {

    public boolean succeeded() {
        return status == ExecutionStatus.SUCCEEDED;
    }
}
