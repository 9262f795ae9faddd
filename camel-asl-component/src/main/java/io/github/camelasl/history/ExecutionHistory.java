package io.github.camelasl.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The history of one execution, as GetExecutionHistory returns it: events with id, previousEventId, type,
 * timestamp and the type's details object. Parallel branches and Map iterations append concurrently.
 * Events are rendered to JSON only when read (see {@link HistoryEvent}).
 */
public final class ExecutionHistory {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExecutionHistory.class);

    // room for a short execution's events without regrowing (a 10-state chain writes 22)
    private final List<HistoryEvent> events = new ArrayList<>(32);
    /** Whose history it is, as listeners are told (null for a history of no execution's). */
    private final String executionArn;
    private final List<HistoryListener> listeners;
    private final Consumer<HistoryEvent> sink;
    private final int maxEvents;
    private final Runnable onFull;
    /** Epoch millis now: the execution's clock (AWS's precision). */
    private final java.util.function.LongSupplier clock;
    /** Its end is recorded: what a branch still winding down writes after it is neither recorded nor heard. */
    private boolean ended;

    /**
     * @param listeners told of each event, rendered, as it is written
     * @param sink      receives each event unrendered (the execution store)
     */
    public ExecutionHistory(List<HistoryListener> listeners, Consumer<HistoryEvent> sink) {
        this(null, List.of(), listeners, sink);
    }

    /**
     * A history that goes on from {@code earlier} events (a resumed execution's, read back from its store):
     * new events are numbered after them, and only new ones reach the listeners and the sink.
     */
    public ExecutionHistory(String executionArn, List<HistoryEvent> earlier, List<HistoryListener> listeners,
            Consumer<HistoryEvent> sink) {
        this(executionArn, earlier, listeners, sink, Integer.MAX_VALUE, System::currentTimeMillis, () -> { });
    }

    /**
     * A history of at most {@code maxEvents} events, as AWS bounds one: the last of them is kept for the event that
     * ends the execution. An event that would take that place is not recorded; {@code onFull} is run instead (once
     * the history's lock is released), to end the execution, whose end event is then the last.
     */
    public ExecutionHistory(String executionArn, List<HistoryEvent> earlier, List<HistoryListener> listeners,
            Consumer<HistoryEvent> sink, int maxEvents, Runnable onFull) {
        this(executionArn, earlier, listeners, sink, maxEvents, System::currentTimeMillis, onFull);
    }

    /**
     * As above, its events' timestamps read from {@code clock} (epoch millis: the execution's clock).
     */
    public ExecutionHistory(String executionArn, List<HistoryEvent> earlier, List<HistoryListener> listeners,
            Consumer<HistoryEvent> sink, int maxEvents, java.util.function.LongSupplier clock, Runnable onFull) {
        this.clock = clock;
        this.executionArn = executionArn;
        this.events.addAll(earlier);
        this.listeners = List.copyOf(listeners);
        this.sink = sink;
        this.maxEvents = maxEvents;
        this.onFull = onFull;
    }

    /** The events that end an execution: the only ones the last place of a full history takes. */
    private static boolean endsExecution(HistoryEventType type) {
        return type == HistoryEventType.ExecutionSucceeded || type == HistoryEventType.ExecutionFailed
                || type == HistoryEventType.ExecutionTimedOut || type == HistoryEventType.ExecutionAborted;
    }

    /**
     * Appends an event.
     *
     * @param type            the event type
     * @param typeName        the type as written (state events are prefixed by state type: "PassStateEntered")
     * @param previousEventId the event this one follows (0 for none)
     * @param details         the details object, or null
     * @return the new event's id
     */
    public long append(HistoryEventType type, String typeName, long previousEventId, ObjectNode details) {
        return append(type, typeName, previousEventId, details == null ? null : () -> details);
    }

    /**
     * Appends an event whose details object is built only if the event is read. When the history is full (see the
     * constructor), or already holds the execution's end (as AWS's, nothing follows it), the event is not recorded,
     * and the last event's id is returned.
     */
    public long append(HistoryEventType type, String typeName, long previousEventId, Supplier<ObjectNode> details) {
        long now = clock.getAsLong(); // AWS's precision (milliseconds)
        HistoryEvent event;
        synchronized (events) {
            if (ended) {
                return events.size();
            }
            ended = endsExecution(type);
            if (events.size() + 1 >= maxEvents && !ended) {
                event = null;
            } else {
                event = new HistoryEvent(events.size() + 1L, previousEventId, typeName, now, type.detailsField(),
                        details);
                events.add(event);
                // in id order: a durable store then holds a gapless prefix of the history whatever stops it
                try {
                    sink.accept(event);
                } catch (RuntimeException e) {
                    LOG.warn("The execution store failed on event {} ({}): {}", event.id(), typeName, e.toString());
                }
            }
        }
        if (event == null) {
            onFull.run();
            return lastEventId();
        }
        for (HistoryListener listener : listeners) {
            try {
                listener.onEvent(executionArn, event.toJson());
            } catch (RuntimeException e) {
                // a listener (a trace, a store) must not stop the execution it watches
                LOG.warn("History listener {} failed on event {} ({}): {}", listener, event.id(), typeName,
                        e.toString());
            }
        }
        return event.id();
    }

    /**
     * Nothing more is recorded or heard: the execution's end went into another history (one rebuilt from the
     * store's committed events, when the store refused this one's), and a branch winding down must not reopen it.
     */
    public void end() {
        synchronized (events) {
            ended = true;
        }
    }

    public long append(HistoryEventType type, long previousEventId, ObjectNode details) {
        return append(type, type.name(), previousEventId, details);
    }

    /** The events so far, each rendered to JSON when it is first read. */
    public List<JsonNode> events() {
        List<HistoryEvent> snapshot;
        synchronized (events) {
            snapshot = List.copyOf(events);
        }
        return rendered(snapshot);
    }

    /** A read-only view rendering each event on access. */
    public static List<JsonNode> rendered(List<HistoryEvent> events) {
        return new AbstractList<>() {
            @Override
            public JsonNode get(int index) {
                return events.get(index).toJson();
            }

            @Override
            public int size() {
                return events.size();
            }
        };
    }

    /** Who is told of new events (a resumed execution goes on telling them). */
    public List<HistoryListener> listeners() {
        return listeners;
    }

    public long lastEventId() {
        synchronized (events) {
            return events.size();
        }
    }
}
