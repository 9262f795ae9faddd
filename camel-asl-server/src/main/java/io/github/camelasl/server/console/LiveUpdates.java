package io.github.camelasl.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.history.TerminalText;
import io.github.camelasl.store.ExecutionListing;
import io.github.camelasl.store.ExecutionListing.Filter;
import io.github.camelasl.store.ExecutionListing.Sort;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.ExecutionStore;
import io.vertx.core.http.HttpServerResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The console's live updates as server-sent events, written on the HTTP server's connections (no thread waits for a
 * viewer). ONE poller per watched execution reads the store every {@value #EXECUTION_POLL_MILLIS} ms, however many
 * watch it, and hands each viewer what it has not seen; one poller reads the running list each second while anyone
 * watches it. A viewer that does not keep up (its connection's write queue is full) is dropped, not buffered for.
 * All polling runs on one thread: the store's reads are short, and the engine's writes go first.
 */
final class LiveUpdates {

    static final long EXECUTION_POLL_MILLIS = 250;
    static final long LIST_POLL_MILLIS = 1_000;
    /** A comment this often keeps proxies from closing a quiet stream. */
    static final long HEARTBEAT_MILLIS = 15_000;
    /** The most events one message carries: a viewer far behind catches up over several polls. */
    static final int MAX_EVENTS_PER_MESSAGE = 500;
    /**
     * About the most characters of events one message carries (at least one event goes, whatever its size): an
     * event's input or output may be 256 KiB, and 500 of them would be one message of a hundred megabytes.
     */
    static final int MAX_MESSAGE_CHARS = 1024 * 1024;
    /** The most viewers at once, over every stream. */
    static final int MAX_VIEWERS = 1_000;
    static final int RUNNING_SHOWN = 100;
    static final int RECENT_SHOWN = 20;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LiveUpdates.class);

    private final ExecutionStore store;
    private final ScheduledExecutorService poller;
    private final Map<String, ExecutionWatch> executionWatches = new HashMap<>(); // guarded by this
    private final ListWatch listWatch = new ListWatch();
    private int viewers; // guarded by this

    LiveUpdates(ExecutionStore store, ScheduledExecutorService poller) {
        this.store = store;
        this.poller = poller;
    }

    /** One viewer's stream. */
    private final class Viewer {
        final HttpServerResponse response;
        volatile long lastEventId;
        /** The execution's status this viewer was last sent (an execution's stream). */
        volatile String lastStatus;
        /** Whether this viewer has had the list once (the list's stream): then only changes are sent. */
        volatile boolean listSent;
        volatile long lastWrite = System.currentTimeMillis();
        private volatile boolean gone;
        private final AtomicBoolean leaving = new AtomicBoolean();
        private final Runnable onGone;

        Viewer(HttpServerResponse response, long lastEventId, Runnable onGone) {
            this.response = response;
            this.lastEventId = lastEventId;
            this.onGone = onGone;
        }

        /** Starts the stream: its headers, and a comment so that they go now. */
        void open() {
            response.setStatusCode(200).setChunked(true);
            SecurityHeaders.of(true).forEach(response::putHeader);
            response.putHeader("Content-Type", "text/event-stream; charset=utf-8");
            response.putHeader("X-Accel-Buffering", "no"); // nginx: pass each event on as it comes
            response.closeHandler(v -> leave());
            response.exceptionHandler(e -> leave());
            // a viewer that went while its request waited for this thread had its close before the handler above
            // was set: Vert.x does not call it late, and the viewer would be polled for (and counted) for ever
            if (response.closed()) {
                leave();
                return;
            }
            write(": open\n\n");
        }

        void send(String event, String data) {
            write("event: " + event + "\ndata: " + data + "\n\n");
        }

        void heartbeat(long now) {
            if (now - lastWrite >= HEARTBEAT_MILLIS) {
                write(": keep-alive\n\n");
            }
        }

        private void write(String text) {
            if (gone) {
                return;
            }
            if (response.writeQueueFull()) {
                // a viewer that does not read is not buffered for without end
                leave();
                response.reset();
                return;
            }
            lastWrite = System.currentTimeMillis();
            response.write(text);
        }

        void end() {
            if (!gone) {
                leave();
                response.end();
            }
        }

        void leave() {
            // once: the connection's close (an event loop) and the pollers' thread may both say so
            if (leaving.compareAndSet(false, true)) {
                gone = true;
                onGone.run();
                synchronized (LiveUpdates.this) {
                    viewers--;
                }
            }
        }
    }

    /**
     * Runs one poll; when it fails, its viewers are closed (their pages fall back to polling) and the poller goes on
     * for the others: an exception out of a scheduled task would cancel its schedule without a word.
     */
    private static void safely(Runnable poll, List<Viewer> viewers, String what) {
        try {
            poll.run();
        } catch (RuntimeException e) {
            LOG.warn("The console's {} failed; its viewers are closed", what, e);
            viewers.forEach(Viewer::end);
        }
    }

    private synchronized void admit() {
        if (viewers >= MAX_VIEWERS) {
            throw new ConsoleError(503, "ThrottlingException", "The console has " + MAX_VIEWERS + " live viewers, "
                    + "the most it serves at once; try again later");
        }
        viewers++;
    }

    /**
     * Streams {@code executionArn}'s history events after {@code after} to {@code response}, then {@code end} once it
     * has ended and its last events went. Runs on the poller's thread (it reads the store): a 404 when there is no
     * such execution.
     */
    void watchExecution(HttpServerResponse response, String executionArn, long after) {
        poller.execute(() -> {
            try {
                if (store.find(executionArn).isEmpty()) {
                    throw ConsoleError.notFound("Execution Does Not Exist: '" + executionArn + "'");
                }
                admit();
            } catch (ConsoleError e) {
                ConsoleRoutes.writeError(response, e);
                return;
            } catch (RuntimeException e) {
                ConsoleRoutes.writeError(response, new ConsoleError(500, "InternalFailure",
                        "The console failed to read the execution (see the server's log)"));
                return;
            }
            Viewer viewer;
            synchronized (this) {
                // under the lock: a watch whose last viewer leaves now is not joined after it stopped
                viewer = executionWatches.computeIfAbsent(executionArn, ExecutionWatch::new).add(response, after);
            }
            viewer.open();
        });
    }

    /** Streams the running executions and the latest finished ones to {@code response} while they change. */
    void watchExecutions(HttpServerResponse response) {
        poller.execute(() -> {
            try {
                admit();
            } catch (ConsoleError e) {
                ConsoleRoutes.writeError(response, e);
                return;
            }
            listWatch.add(response);
        });
    }

    /** How many executions are polled for now: one poller each, whatever their viewers. */
    synchronized int watchedExecutions() {
        return executionWatches.size();
    }

    /** One execution's poller and its viewers. */
    private final class ExecutionWatch {
        final String executionArn;
        final List<Viewer> viewers = new CopyOnWriteArrayList<>();
        ScheduledFuture<?> polling; // guarded by LiveUpdates.this

        ExecutionWatch(String executionArn) {
            this.executionArn = executionArn;
        }

        /** Holding LiveUpdates' lock: a new viewer, polled for from now on. */
        Viewer add(HttpServerResponse response, long after) {
            Viewer viewer = new Viewer(response, after, this::removeGone);
            viewers.add(viewer);
            if (polling == null) {
                String what = "live view of " + TerminalText.escape(executionArn);
                polling = poller.scheduleWithFixedDelay(() -> safely(this::poll, viewers, what), 0,
                        EXECUTION_POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
            return viewer;
        }

        /** Drops the viewers that left; stops polling once none is left. */
        void removeGone() {
            synchronized (LiveUpdates.this) {
                viewers.removeIf(v -> v.gone);
                if (viewers.isEmpty() && executionWatches.get(executionArn) == this) {
                    executionWatches.remove(executionArn);
                    if (polling != null) {
                        polling.cancel(false);
                        polling = null;
                    }
                }
            }
        }

        private void poll() {
            List<Viewer> watching = viewers.stream().filter(v -> !v.gone).toList();
            if (watching.isEmpty()) {
                removeGone();
                return;
            }
            // the status first: an end read here has its last events committed with it, read next
            Optional<ExecutionRecord> record = store.find(executionArn);
            if (record.isEmpty()) {
                watching.forEach(Viewer::end);
                return;
            }
            String status = record.get().status().name();
            long from = watching.stream().mapToLong(v -> v.lastEventId).min().orElse(0);
            List<JsonNode> events = store.eventsAfter(executionArn, from, MAX_EVENTS_PER_MESSAGE);
            boolean caughtUp = events.size() < MAX_EVENTS_PER_MESSAGE;
            long now = System.currentTimeMillis();
            int[] sizes = events.stream().mapToInt(event -> Json.write(event).length()).toArray();
            for (Viewer viewer : watching) {
                ArrayNode fresh = Json.NODES.arrayNode();
                long last = viewer.lastEventId;
                long chars = 0;
                for (int i = 0; i < events.size(); i++) {
                    long id = events.get(i).path("id").asLong();
                    if (id > viewer.lastEventId) {
                        if (!fresh.isEmpty() && chars + sizes[i] > MAX_MESSAGE_CHARS) {
                            break; // the rest at the next poll
                        }
                        fresh.add(events.get(i));
                        chars += sizes[i];
                        last = id;
                    }
                }
                if (!fresh.isEmpty() || !status.equals(viewer.lastStatus)) {
                    ObjectNode data = Json.NODES.objectNode();
                    data.set("events", fresh);
                    data.put("status", status);
                    data.put("lastEventId", last);
                    viewer.lastEventId = last;
                    viewer.lastStatus = status;
                    viewer.send("history", Json.write(data));
                } else {
                    viewer.heartbeat(now);
                }
                boolean viewerCaughtUp = events.isEmpty()
                        || viewer.lastEventId >= events.get(events.size() - 1).path("id").asLong();
                if (record.get().status() != ExecutionStatus.RUNNING && caughtUp && viewerCaughtUp) {
                    viewer.send("end", Json.write(Json.NODES.objectNode().put("status", status)
                            .put("lastEventId", viewer.lastEventId)));
                    viewer.end();
                }
            }
        }
    }

    /** The running list's poller and its viewers. */
    private final class ListWatch {
        final List<Viewer> viewers = new CopyOnWriteArrayList<>();
        ScheduledFuture<?> polling; // guarded by LiveUpdates.this
        volatile String lastData;

        /** On the poller's thread. */
        void add(HttpServerResponse response) {
            Viewer viewer = new Viewer(response, 0, this::removeGone);
            synchronized (LiveUpdates.this) {
                viewers.add(viewer);
                if (polling == null) {
                    lastData = null; // not polled since the last viewer left: read afresh
                    polling = poller.scheduleWithFixedDelay(() -> safely(this::poll, viewers, "live list"), 0,
                            LIST_POLL_MILLIS, TimeUnit.MILLISECONDS);
                }
            }
            viewer.open();
            String data = lastData;
            if (data != null) {
                viewer.listSent = true;
                viewer.send("executions", data);
            }
        }

        void removeGone() {
            synchronized (LiveUpdates.this) {
                viewers.removeIf(v -> v.gone);
                if (viewers.isEmpty() && polling != null) {
                    polling.cancel(false);
                    polling = null;
                }
            }
        }

        private void poll() {
            ObjectNode data = Json.NODES.objectNode();
            data.set("running", ConsoleQueries.summaries(store.listExecutions(
                    new Filter(null, ExecutionStatus.RUNNING, null, null, null, null, null), Sort.START_DATE_DESC,
                    null, RUNNING_SHOWN).executions()));
            List<ExecutionListing> recent = store.listExecutions(Filter.ALL, Sort.STOP_DATE_DESC, null, RECENT_SHOWN)
                    .executions();
            data.set("recent", ConsoleQueries.summaries(recent));
            String text = Json.write(data);
            long now = System.currentTimeMillis();
            boolean changed = !text.equals(lastData);
            lastData = text;
            for (Viewer viewer : viewers) {
                if (changed || !viewer.listSent) {
                    viewer.listSent = true;
                    viewer.send("executions", text);
                } else {
                    viewer.heartbeat(now);
                }
            }
        }
    }
}
