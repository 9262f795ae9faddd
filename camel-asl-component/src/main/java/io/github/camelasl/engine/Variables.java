package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
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
    private final Map<String, JsonNode> values = new HashMap<>();

    Variables(Variables outer) {
        this.outer = outer;
    }

    /** The value, or null when no scope defines it. */
    JsonNode get(String name) {
        JsonNode value = values.get(name);
        return value != null || outer == null ? value : outer.get(name);
    }

    void assign(Map<String, JsonNode> assignments) {
        values.putAll(assignments);
    }
}
