package io.github.camelasl.history;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Told of every history event as it is written: the CLI's trace and live views listen here. */
@FunctionalInterface
public interface HistoryListener {
    void onEvent(ObjectNode event);

    /**
     * Told of an event of the execution {@code executionArn}: a listener of several executions (a component's, told
     * of every exchange's) tells them apart by it, since each one's event ids start at 1.
     */
    default void onEvent(String executionArn, ObjectNode event) {
        onEvent(event);
    }
}
