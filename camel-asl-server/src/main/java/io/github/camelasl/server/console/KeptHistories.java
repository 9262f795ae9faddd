package io.github.camelasl.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.store.ExecutionRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The histories of the executions the console read last, so that a page's graph, timeline and state detail (asked
 * for at once, and again on each live update while the execution runs, by every viewer) do not each read and parse
 * all its events: a Map of 10,000 items has 40,000. While an execution stays as it was (its status, redrive count and
 * stop date: the history's version) its kept events are read on from the last one the store gave (events are only
 * ever appended); a change of version (it ended, was redriven, or was ended FAILED after a refused write, which
 * drops what was not committed) reads it again from the start.
 */
final class KeptHistories {

    /** The most events kept in all: a few large executions' worth, a few tens of MB of heap at most. */
    static final int MAX_EVENTS = 120_000;
    static final int MAX_HISTORIES = 32;

    /** Reads an execution's events after the one of the id given (0: from the first), at most {@code limit}. */
    @FunctionalInterface
    interface EventReader {
        List<JsonNode> after(long eventId, int limit) throws Exception;
    }

    private record Kept(String version, List<JsonNode> events) {
        long lastEventId() {
            return events.isEmpty() ? 0 : events.get(events.size() - 1).path("id").asLong();
        }
    }

    private final Map<String, Kept> kept = new LinkedHashMap<>(16, 0.75f, true);
    private int events;

    /**
     * {@code record}'s history, at most {@code limit} events (more are read only to tell that there are more: the
     * caller refuses those), from what is kept and the store's events after it.
     */
    List<JsonNode> history(ExecutionRecord record, int limit, EventReader reader) throws Exception {
        String version = version(record);
        Kept before;
        synchronized (this) {
            before = kept.get(record.executionArn());
        }
        List<JsonNode> history;
        if (before != null && before.version().equals(version)) {
            List<JsonNode> newer = reader.after(before.lastEventId(), limit + 1 - before.events().size());
            if (newer.isEmpty()) {
                return before.events();
            }
            history = new ArrayList<>(before.events().size() + newer.size());
            history.addAll(before.events());
            history.addAll(newer);
        } else {
            history = reader.after(0, limit + 1);
        }
        history = List.copyOf(history);
        if (history.size() <= limit) {
            keep(record.executionArn(), new Kept(version, history));
        }
        return history;
    }

    private synchronized void keep(String executionArn, Kept history) {
        if (history.events().size() > MAX_EVENTS) {
            Kept old = kept.remove(executionArn);
            events -= old == null ? 0 : old.events().size();
            return;
        }
        Kept old = kept.put(executionArn, history);
        events += history.events().size() - (old == null ? 0 : old.events().size());
        Iterator<Kept> eldest = kept.values().iterator();
        while ((events > MAX_EVENTS || kept.size() > MAX_HISTORIES) && eldest.hasNext()) {
            events -= eldest.next().events().size();
            eldest.remove();
        }
    }

    synchronized int keptEvents() {
        return events;
    }

    private static String version(ExecutionRecord record) {
        return record.status() + "/" + record.redriveCount() + "/" + record.stopDate();
    }
}
