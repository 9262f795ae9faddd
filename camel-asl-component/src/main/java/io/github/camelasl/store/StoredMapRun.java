package io.github.camelasl.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import java.time.Instant;
import java.util.Objects;

/**
 * A Distributed Map run as DescribeMapRun answers it (AWS's member names; sfn API reference, DescribeMapRun), kept by
 * the store so that it outlives its execution and a restart. {@code stopDate} is null while it runs.
 */
public record StoredMapRun(String mapRunArn, String executionArn, String stateMachineArn, Instant startDate,
        Instant stopDate, String status, int maxConcurrency, double toleratedFailurePercentage,
        long toleratedFailureCount, Counts itemCounts, Counts executionCounts) {

    public StoredMapRun {
        Objects.requireNonNull(mapRunArn, "mapRunArn");
        Objects.requireNonNull(executionArn, "executionArn");
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(status, "status");
    }

    /** DescribeMapRun's itemCounts and executionCounts (the members this engine has a value for). */
    public record Counts(long pending, long running, long succeeded, long failed, long timedOut, long aborted,
            long total, long resultsWritten) {

        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, 0);

        public ObjectNode toJson() {
            ObjectNode out = Json.NODES.objectNode();
            out.put("pending", pending).put("running", running).put("succeeded", succeeded).put("failed", failed)
                    .put("timedOut", timedOut).put("aborted", aborted).put("total", total)
                    .put("resultsWritten", resultsWritten)
                    // no redrive of a map run's children yet: none is pending a redrive, every failure could be
                    .put("failuresNotRedrivable", 0).put("pendingRedrive", 0);
            return out;
        }

        static Counts of(JsonNode json) {
            return new Counts(json.path("pending").asLong(), json.path("running").asLong(),
                    json.path("succeeded").asLong(), json.path("failed").asLong(), json.path("timedOut").asLong(),
                    json.path("aborted").asLong(), json.path("total").asLong(), json.path("resultsWritten").asLong());
        }
    }

    /** The record as JSON text (dates as epoch milliseconds): how the SQLite store keeps it. */
    public String toJsonText() {
        ObjectNode out = Json.NODES.objectNode();
        out.put("mapRunArn", mapRunArn).put("executionArn", executionArn).put("stateMachineArn", stateMachineArn)
                .put("startDate", startDate.toEpochMilli()).put("status", status)
                .put("maxConcurrency", maxConcurrency).put("toleratedFailurePercentage", toleratedFailurePercentage)
                .put("toleratedFailureCount", toleratedFailureCount);
        if (stopDate != null) {
            out.put("stopDate", stopDate.toEpochMilli());
        }
        out.set("itemCounts", itemCounts.toJson());
        out.set("executionCounts", executionCounts.toJson());
        return out.toString();
    }

    /** A record {@link #toJsonText()} wrote; null when the text is not one. */
    public static StoredMapRun fromJsonText(String text) {
        JsonNode json;
        try {
            json = Json.parse(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
        if (!json.path("mapRunArn").isTextual() || !json.path("executionArn").isTextual()
                || !json.path("startDate").isNumber() || !json.path("status").isTextual()) {
            return null;
        }
        JsonNode stop = json.get("stopDate");
        return new StoredMapRun(json.get("mapRunArn").textValue(), json.get("executionArn").textValue(),
                json.path("stateMachineArn").asText(null), Instant.ofEpochMilli(json.get("startDate").asLong()),
                stop == null || !stop.isNumber() ? null : Instant.ofEpochMilli(stop.asLong()),
                json.get("status").textValue(), json.path("maxConcurrency").asInt(),
                json.path("toleratedFailurePercentage").asDouble(), json.path("toleratedFailureCount").asLong(),
                Counts.of(json.path("itemCounts")), Counts.of(json.path("executionCounts")));
    }
}
