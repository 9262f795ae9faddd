package io.github.camelasl.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Prints an execution as it runs, one line per interesting history event:
 *
 * <pre>
 * ▶ Train (Task)
 * ✗ Train: States.TaskFailed (connection refused)
 * ↻ Train (retry)
 * ✓ Train  {"model":"m-1"}
 * ▶ Score (Map)
 *   ↳ Score[0]
 *   ↳ Score[1]
 *     [1] ▶ Predict (Pass)
 *     [0] ▶ Predict (Pass)
 * </pre>
 *
 * Parallel branches and Map iterations are indented under their state; the lines of a Map iteration start with
 * its index, since iterations run concurrently. Events may be written from several
 * threads and reach listeners out of order; they are printed in id order. One printer may be told of many
 * executions (a component's listener hears every exchange's): each is printed in its own id order, and forgotten
 * once its end is printed.
 */
public final class TracePrinter implements HistoryListener {

    private static final int PREVIEW = 80;
    /** The events whose line is a ✗ already: the execution's failure that follows them is not printed again. */
    private static final Set<String> FAILURE_LINES = Set.of("TaskFailed", "TaskTimedOut", "MapIterationFailed",
            "MapIterationAborted", "ParallelStateFailed", "MapStateFailed");

    private final PrintWriter out;
    /** The executions being printed, by ARN: one is dropped once its end is printed. */
    private final Map<String, ExecutionTrace> executions = new HashMap<>();

    public TracePrinter(PrintWriter out) {
        this.out = out;
    }

    /** An event of an execution the caller does not name: one such is printed at a time. */
    @Override
    public void onEvent(ObjectNode event) {
        onEvent(null, event);
    }

    @Override
    public synchronized void onEvent(String executionArn, ObjectNode event) {
        ExecutionTrace trace = executions.computeIfAbsent(executionArn,
                arn -> new ExecutionTrace(event.path("id").asLong()));
        trace.add(event);
        if (trace.ended) {
            executions.remove(executionArn);
        }
        out.flush();
    }

    /**
     * Prints whatever of execution {@code executionArn} was not printed yet, from its full history (null: not
     * known), and forgets it.
     */
    public synchronized void finish(String executionArn, List<JsonNode> history) {
        ExecutionTrace trace = executions.remove(executionArn);
        if (trace == null) {
            return; // its end is printed, and so everything before it
        }
        if (history != null) {
            for (JsonNode event : history) {
                long id = event.path("id").asLong();
                if (id >= trace.next && event instanceof ObjectNode object) {
                    trace.pending.putIfAbsent(id, object);
                }
            }
        }
        for (ObjectNode event : trace.pending.values()) {
            trace.print(event);
        }
        out.flush();
    }

    /** How many executions are being printed: what this printer holds. */
    synchronized int executionsInProgress() {
        return executions.size();
    }

    /** One execution's printing: its events in id order, and what its lines need of the events before. */
    private final class ExecutionTrace {
        private final Map<Long, ObjectNode> pending = new TreeMap<>();
        private final Map<Long, Integer> depths = new HashMap<>();
        private final Map<Long, String> types = new HashMap<>();
        private final Map<Long, String> stateNames = new HashMap<>();
        /** The Map iteration of an event, as "[0]" (nested: "[0][2]"), so interleaved lines can be told apart. */
        private final Map<Long, String> iterations = new HashMap<>();
        /** The next id to print: the first heard (1, or the first after a resumed execution's earlier events). */
        private long next;
        private boolean ended;

        ExecutionTrace(long firstId) {
            this.next = firstId;
        }

        void add(ObjectNode event) {
            long id = event.path("id").asLong();
            if (id < next) {
                print(event); // heard late (a resumed execution's concurrent first events): printed, not lost
                return;
            }
            pending.put(id, event);
            while (pending.containsKey(next)) {
                print(pending.remove(next));
                next++;
            }
        }

        void print(ObjectNode event) {
            long id = event.path("id").asLong();
            long prev = event.path("previousEventId").asLong();
            String type = event.path("type").asText();
            String prevType = types.getOrDefault(prev, "");
            int depth = depth(type, prevType, depths.getOrDefault(prev, 0));
            types.put(id, type);
            depths.put(id, depth);

            String name = stateNames.get(prev);
            if (type.endsWith("StateEntered")) {
                name = event.path("stateEnteredEventDetails").path("name").asText();
            } else if (type.startsWith("MapIteration")) {
                name = details(event, type).path("name").asText(name);
            }
            if (name != null) {
                stateNames.put(id, name);
            }

            String iteration = iterations.getOrDefault(prev, "");
            String label = iteration;
            if (type.equals("MapIterationStarted")) {
                iteration = iteration + "[" + details(event, type).path("index").asText() + "]";
            } else if (type.startsWith("MapIteration")) {
                // the iteration's end follows its last event: back to the enclosing iteration
                label = iteration.substring(0, Math.max(0, iteration.lastIndexOf('[')));
                iteration = label;
            }
            if (!iteration.isEmpty()) {
                iterations.put(id, iteration);
            }

            String line = line(event, type, prevType, name);
            if (line != null) {
                out.println("  ".repeat(depth) + (label.isEmpty() ? "" : label + " ")
                        + line);
            }
            ended |= type.equals("ExecutionSucceeded") || type.equals("ExecutionFailed")
                    || type.equals("ExecutionTimedOut") || type.equals("ExecutionAborted");
        }
    }

    private static int depth(String type, String prevType, int prevDepth) {
        if (type.startsWith("Execution")) {
            return 0;
        }
        boolean iterationEnd = type.equals("MapIterationSucceeded") || type.equals("MapIterationFailed")
                || type.equals("MapIterationAborted");
        if (iterationEnd) {
            // follows the iteration's last event, one level deeper, or its start when it had none
            return prevType.equals("MapIterationStarted") ? prevDepth : Math.max(0, prevDepth - 1);
        }
        if (type.equals("MapIterationStarted")) {
            return prevDepth + 1;
        }
        if (prevType.equals("MapIterationStarted")) {
            return prevDepth + 1;
        }
        if (prevType.equals("ParallelStateStarted")
                && !type.equals("ParallelStateSucceeded") && !type.equals("ParallelStateFailed")) {
            return prevDepth + 1;
        }
        return prevDepth;
    }

    /** The line for an event, or null; what came from the definition or the data is escaped (TerminalText). */
    private static String line(ObjectNode event, String type, String prevType, String stateName) {
        String name = TerminalText.escape(stateName);
        if (type.endsWith("StateEntered")) {
            String stateType = type.substring(0, type.length() - "StateEntered".length());
            return "▶ " + name + (stateType.isEmpty() ? "" : " (" + stateType + ")");
        }
        if (type.endsWith("StateExited")) {
            String output = event.path("stateExitedEventDetails").path("output").asText(null);
            return "✓ " + name + (output == null ? "" : "  " + preview(output));
        }
        switch (type) {
            case "TaskFailed", "TaskTimedOut" -> {
                return failure(event, type, name, type.equals("TaskTimedOut") ? "States.Timeout" : "");
            }
            case "ExecutionFailed" -> {
                // a failure no state event reported (States.Runtime, a Fail state): its only ✗ line
                return FAILURE_LINES.contains(prevType) ? null : failure(event, type, name, "");
            }
            case "TaskScheduled" -> {
                return prevType.equals("TaskFailed") || prevType.equals("TaskTimedOut") ? "↻ " + name + " (retry)"
                        : null;
            }
            case "MapIterationStarted" -> {
                return "↳ " + name + "[" + details(event, type).path("index").asText() + "]";
            }
            case "MapIterationFailed" -> {
                return "✗ " + name + "[" + details(event, type).path("index").asText() + "] failed";
            }
            case "MapIterationAborted" -> {
                return "✗ " + name + "[" + details(event, type).path("index").asText() + "] aborted";
            }
            case "ParallelStateFailed" -> {
                return "✗ " + name + ": a branch failed";
            }
            case "MapStateFailed" -> {
                return "✗ " + name + ": iterations failed";
            }
            default -> {
                return null;
            }
        }
    }

    private static String failure(ObjectNode event, String type, String name, String defaultError) {
        JsonNode d = details(event, type);
        String error = TerminalText.escape(d.path("error").asText(defaultError));
        String cause = d.path("cause").asText("");
        return "✗ " + (name == null ? "" : name + ": ") + error
                + (cause.isEmpty() ? "" : " (" + preview(cause) + ")");
    }

    private static JsonNode details(ObjectNode event, String type) {
        String field = Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
        return event.path(field);
    }

    private static String preview(String text) {
        String flat = text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
        return TerminalText.escape(flat.length() <= PREVIEW ? flat : flat.substring(0, PREVIEW - 1) + "…");
    }
}
