package io.github.camelasl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.store.ExecutionRecord;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;

/**
 * Stored executions in the shapes of AWS's ListExecutions and DescribeExecution (field names as the API writes
 * them, dates as ISO-8601 text, input and output as JSON text), as the {@code asl:} endpoint answers them too.
 */
final class ExecutionJson {

    private ExecutionJson() {
    }

    /** A ListExecutions item. */
    static ObjectNode summary(ExecutionRecord record) {
        ObjectNode out = Json.NODES.objectNode();
        out.put("executionArn", record.executionArn());
        out.put("stateMachineArn", record.stateMachineArn());
        out.put("name", record.name());
        out.put("status", record.status().name());
        out.put("startDate", date(record.startDate()));
        putIfPresent(out, "stopDate", date(record.stopDate()));
        return out;
    }

    /** DescribeExecution's response. */
    static ObjectNode describe(ExecutionRecord record) {
        ObjectNode out = summary(record);
        out.put("input", Json.write(record.input()));
        if (record.output() != null) {
            out.put("output", Json.write(record.output()));
        }
        putIfPresent(out, "error", record.error());
        putIfPresent(out, "cause", record.cause());
        out.put("redriveCount", record.redriveCount());
        putIfPresent(out, "redriveDate", date(record.redriveDate()));
        out.put("redriveStatus", record.redrivable() ? "REDRIVABLE" : "NOT_REDRIVABLE");
        return out;
    }

    /** The state an event is about (its details' name: StateEntered, StateExited), or null. */
    static String stateName(JsonNode event) {
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().endsWith("EventDetails") && field.getValue().hasNonNull("name")) {
                return field.getValue().get("name").asText();
            }
        }
        return null;
    }

    static String date(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static void putIfPresent(ObjectNode out, String field, String value) {
        if (value != null) {
            out.put(field, value);
        }
    }
}
