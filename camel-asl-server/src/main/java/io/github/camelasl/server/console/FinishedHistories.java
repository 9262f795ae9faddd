package io.github.camelasl.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.store.ExecutionRecord;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The histories of the finished executions the console read last. An execution's page asks for its graph, its
 * timeline and a state's detail at once, each drawn from the same events (a Map of 10,000 items has 40,000 of them),
 * and a finished execution's events do not change until a redrive, which changes its status, redrive count and stop
 * date: the key a history is kept under. A running execution's history is never kept: it grows.
 */
final class FinishedHistories {

    /** The most events kept in all: a few executions' worth, a few tens of MB of heap at most. */
    static final int MAX_EVENTS = 120_000;
    static final int MAX_HISTORIES = 16;

    private record Kept(String version, List<JsonNode> events) {
    }

    private final Map<String, Kept> kept = new LinkedHashMap<>(16, 0.75f, true);
    private int events;

    /** The history kept for this execution as it now stands, if any. */
    synchronized Optional<List<JsonNode>> find(ExecutionRecord record) {
        Kept found = kept.get(record.executionArn());
        return found != null && found.version().equals(version(record)) ? Optional.of(found.events())
                : Optional.empty();
    }

    /** Keeps {@code history} of {@code record}, when it is finished and not larger than all that may be kept. */
    synchronized void keep(ExecutionRecord record, List<JsonNode> history) {
        if (record.stopDate() == null || history.size() > MAX_EVENTS) {
            return;
        }
        Kept old = kept.put(record.executionArn(), new Kept(version(record), List.copyOf(history)));
        events += history.size() - (old == null ? 0 : old.events().size());
        Iterator<Kept> eldest = kept.values().iterator();
        while ((events > MAX_EVENTS || kept.size() > MAX_HISTORIES) && eldest.hasNext()) {
            events -= eldest.next().events().size();
            eldest.remove();
        }
    }

    private static String version(ExecutionRecord record) {
        return record.status() + "/" + record.redriveCount() + "/" + record.stopDate();
    }
}
