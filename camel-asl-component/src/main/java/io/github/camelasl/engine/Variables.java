package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Workflow variables of one scope. A Parallel branch or Map iteration reads its outer scopes' variables and
 * assigns only its own, so values flow out of an inner scope only through its output, as AWS requires. An
 * outer scope does not assign while its inner scopes run (the Parallel or Map state is still running), so
 * inner reads need no locking.
 */
final class Variables {

    private final Variables outer;
    // made on the first Assign: most scopes (Map iterations above all) never assign
    private Map<String, JsonNode> values = Map.of();

    Variables(Variables outer) {
        this.outer = outer;
    }

    /** The value, or null when no scope defines it. */
    JsonNode get(String name) {
        JsonNode value = values.get(name);
        return value != null || outer == null ? value : outer.get(name);
    }

    /** This scope's own variables as a JSON object (for a checkpoint), or null when it has none. */
    ObjectNode snapshot() {
        if (values.isEmpty()) {
            return null;
        }
        ObjectNode out = Json.NODES.objectNode();
        values.forEach(out::set);
        return out;
    }

    /** Sets this scope's variables from a {@link #snapshot()} (null: none), as a resumed scope starts. */
    void restore(JsonNode snapshot, ExecutionLimits limits) {
        if (snapshot == null || !snapshot.isObject() || snapshot.isEmpty()) {
            return;
        }
        Map<String, JsonNode> restored = new HashMap<>();
        snapshot.fields().forEachRemaining(e -> restored.put(e.getKey(), e.getValue()));
        assign(restored, limits);
    }

    private Map<String, Integer> sizes = Map.of();
    private long totalBytes;

    /**
     * Applies an Assign block, refusing it whole with States.DataLimitExceeded when it breaks a limit: a variable's
     * and a block's size, and all of them together (AWS's under limits=aws; see ExecutionLimits).
     */
    void assign(Map<String, JsonNode> assignments, ExecutionLimits limits) {
        if (assignments.isEmpty()) {
            return;
        }
        int maxVariableBytes = limits.maxVariableBytes();
        long maxTotalBytes = limits.maxVariablesBytes();
        Map<String, Integer> newSizes = new HashMap<>();
        long blockBytes = 0;
        for (Map.Entry<String, JsonNode> e : assignments.entrySet()) {
            int bytes = Json.write(e.getValue()).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxVariableBytes) {
                throw new AslError(ErrorNames.DATA_LIMIT_EXCEEDED, "The variable '" + e.getKey() + "' holds " + bytes
                        + " bytes, more than the " + maxVariableBytes + " bytes a variable may hold");
            }
            newSizes.put(e.getKey(), bytes);
            blockBytes += bytes;
        }
        if (blockBytes > maxVariableBytes) {
            throw new AslError(ErrorNames.DATA_LIMIT_EXCEEDED, "The Assign field assigns " + blockBytes
                    + " bytes, more than the " + maxVariableBytes + " bytes one Assign may hold");
        }
        long total = totalBytes;
        for (Map.Entry<String, Integer> e : newSizes.entrySet()) {
            total += e.getValue() - sizes.getOrDefault(e.getKey(), 0);
        }
        if (total > maxTotalBytes) {
            throw new AslError(ErrorNames.DATA_LIMIT_EXCEEDED, "The variables would hold " + total
                    + " bytes, more than the " + maxTotalBytes + " bytes an execution may hold");
        }
        if (values.isEmpty()) {
            values = new HashMap<>();
            sizes = new HashMap<>();
        }
        values.putAll(assignments);
        sizes.putAll(newSizes);
        totalBytes = total;
    }
}
