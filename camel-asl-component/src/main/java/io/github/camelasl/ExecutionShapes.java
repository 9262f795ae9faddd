package io.github.camelasl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.ExecutionSummary;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The Step Functions API's JSON for what a store holds of an execution (field names as the API writes them,
 * dates as ISO-8601 text, as the AWS CLI shows them): for the asl: operations and the command line.
 */
public final class ExecutionShapes {

    private ExecutionShapes() {
    }

    /** A ListExecutions item; the start of DescribeExecution. */
    public static ObjectNode summary(ExecutionRecord record) {
        return summary(ExecutionSummary.of(record));
    }

    /** ListExecutions' entry for an execution. */
    public static ObjectNode summary(ExecutionSummary summary) {
        ObjectNode out = Json.NODES.objectNode();
        out.put("executionArn", summary.executionArn());
        out.put("stateMachineArn", summary.stateMachineArn());
        out.put("name", summary.name());
        out.put("status", summary.status().name());
        out.put("startDate", date(summary.startDate()));
        putIfPresent(out, "stopDate", date(summary.stopDate()));
        return out;
    }

    /** DescribeExecution's response. */
    public static ObjectNode describe(ExecutionRecord record) {
        ObjectNode out = summary(record);
        payload(out, "input", record.input());
        if (record.output() != null) {
            payload(out, "output", record.output());
        }
        putIfPresent(out, "error", record.error());
        putIfPresent(out, "cause", record.cause());
        out.put("redriveCount", record.redriveCount());
        putIfPresent(out, "redriveDate", date(record.redriveDate()));
        out.put("redriveStatus", record.redrivable() ? "REDRIVABLE" : "NOT_REDRIVABLE");
        if (!record.redrivable()) {
            out.put("redriveStatusReason", record.status() == ExecutionStatus.RUNNING ? "Execution is RUNNING"
                    : "Execution is " + record.status() + " and cannot be redriven");
        }
        return out;
    }

    /** A payload as AWS returns it: JSON text, with its details object. */
    static void payload(ObjectNode out, String field, JsonNode value) {
        out.put(field, Json.write(value));
        out.putObject(field + "Details").put("included", true);
    }

    public static String date(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    static void putIfPresent(ObjectNode out, String field, String value) {
        if (value != null) {
            out.put(field, value);
        }
    }
}
