package io.github.camelasl.history;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Told of every history event as it is written: the CLI's trace and live views listen here. */
@FunctionalInterface
public interface HistoryListener {
    void onEvent(ObjectNode event);
}
