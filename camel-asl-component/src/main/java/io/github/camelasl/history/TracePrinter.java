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
 * once its end is printed. While more than one is in progress, each line starts with its execution's name
 * ({@code order-7 | ▶ Train (Task)}), so interleaved lines can be told apart.
 */
public final class TracePrinter implements HistoryListener {

    private static final int PREVIEW = 80;
    /** A Task's failed call, in each of its event families (an integration's, a Lambda function's, an activity's). */
    private static final Set<String> CALL_FAILURES = Set.of("TaskFailed", "TaskTimedOut", "LambdaFunctionFailed",
            "LambdaFunctionTimedOut", "ActivityFailed", "ActivityTimedOut");
    /** The events whose line is a ✗ already: the execution's failure that follows them is not printed again. */
    private static final Set<String> FAILURE_LINES = Set.of("TaskFailed", "TaskTimedOut", "LambdaFunctionFailed",
            "LambdaFunctionTimedOut", "ActivityFailed", "ActivityTimedOut", "MapIterationFailed",
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
                arn -> new ExecutionTrace(arn, event.path("id").asLong()));
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
        ExecutionTrace trace = executions.get(executionArn);
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
        executions.remove(executionArn);
        out.flush();
    }

    /**
     * Prints the stored events of an execution about to go on (a redrive, a resume), and keeps what their lines need
     * (depths, Map iterations, state names): the new events follow on from them, and the new end, not a stored one,
     * ends the trace.
     */
    public synchronized void replay(String executionArn, List<JsonNode> stored) {
        ExecutionTrace trace = new ExecutionTrace(executionArn, 1);
        executions.put(executionArn, trace);
        for (JsonNode event : stored) {
            if (event instanceof ObjectNode object) {
                trace.add(object);
            }
        }
        if (!trace.pending.isEmpty()) { // after a gap: printed all the same, and the new events go on after them
            trace.pending.values().forEach(trace::print);
            trace.next = trace.pending.lastKey() + 1;
            trace.pending.clear();
        }
        trace.ended = false;
        out.flush();
    }

    /** How many executions are being printed: what this printer holds. */
    public synchronized int executionsInProgress() {
        return executions.size();
    }

    /** One execution's printing: its events in id order, and what its lines need of the events before. */
    private final class ExecutionTrace {
        private final TreeMap<Long, ObjectNode> pending = new TreeMap<>();
        private final Map<Long, Integer> depths = new HashMap<>();
        private final Map<Long, String> types = new HashMap<>();
        private final Map<Long, String> stateNames = new HashMap<>();
        /** The Map iteration of an event, as "[0]" (nested: "[0][2]"), so interleaved lines can be told apart. */
        private final Map<Long, String> iterations = new HashMap<>();
        /** The next id to print: the first heard (1, or the first after a resumed execution's earlier events). */
        private long next;
        private boolean ended;
        /** What starts its lines while other executions are printed too (its name; none for an unnamed one). */
        private final String executionLabel;

        ExecutionTrace(String executionArn, long firstId) {
            this.next = firstId;
            this.executionLabel = executionArn == null ? ""
                    : TerminalText.escape(executionName(executionArn)) + " | ";
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
                String execution = executions.size() > 1 ? executionLabel : "";
                out.println(execution + "  ".repeat(depth) + (label.isEmpty() ? "" : label + " ") + line);
            }
            ended |= type.equals("ExecutionSucceeded") || type.equals("ExecutionFailed")
                    || type.equals("ExecutionTimedOut") || type.equals("ExecutionAborted");
        }
    }

    /** The name in an execution ARN (arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME), else the whole ARN. */
    private static String executionName(String executionArn) {
        String[] parts = executionArn.split(":", 9);
        return parts.length >= 8 && parts[0].equals("arn") ? parts[7] : executionArn;
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
            case "TaskFailed", "TaskTimedOut", "LambdaFunctionFailed", "LambdaFunctionTimedOut", "ActivityFailed",
                    "ActivityTimedOut" -> {
                return failure(event, type, name, type.endsWith("TimedOut") ? "States.Timeout" : "");
            }
            case "ExecutionFailed" -> {
                // a failure no state event reported (States.Runtime, a Fail state): its only ✗ line
                return FAILURE_LINES.contains(prevType) ? null : failure(event, type, name, "");
            }
            case "ExecutionTimedOut" -> {
                // TimeoutSeconds ran out: no state event says so
                return failure(event, type, "execution timed out", "States.Timeout");
            }
            case "ExecutionAborted" -> {
                // StopExecution: error and cause are the caller's, both optional
                return failure(event, type, "execution aborted", "");
            }
            case "TaskScheduled", "LambdaFunctionScheduled", "ActivityScheduled" -> {
                return CALL_FAILURES.contains(prevType) ? "↻ " + name + " (retry)" : null;
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
        String what = error + (cause.isEmpty() ? "" : " (" + preview(cause) + ")");
        return "✗ " + (name == null ? what : what.isEmpty() ? name : name + ": " + what);
    }

    private static JsonNode details(ObjectNode event, String type) {
        String field = Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
        return event.path(field);
    }

    /**
     * {@code text} on one line of at most {@link #PREVIEW} characters: a blank run holding a line break becomes one
     * space, and the ends are trimmed. One pass that stops once the line is full: a cause may be megabytes of data
     * (a Fail state's CausePath), and this runs inside the printer's lock.
     */
    static String preview(String text) {
        StringBuilder line = new StringBuilder(PREVIEW + 1);
        int length = text.length();
        int i = 0;
        while (i < length && line.length() <= PREVIEW) {
            if (!isBlank(text.charAt(i))) {
                line.append(text.charAt(i++));
                continue;
            }
            int end = i;
            boolean lineBreak = false;
            while (end < length && isBlank(text.charAt(end))) {
                lineBreak |= text.charAt(end) == '\n' || text.charAt(end) == '\r';
                end++;
            }
            if (!line.isEmpty() && end < length) { // none at the start or the end
                if (lineBreak) {
                    line.append(' ');
                } else {
                    line.append(text, i, Math.min(end, i + PREVIEW + 1 - line.length()));
                }
            }
            i = end;
        }
        String flat = line.length() <= PREVIEW ? line.toString() : line.substring(0, PREVIEW - 1) + "…";
        return TerminalText.escape(flat);
    }

    /** Java's regular expressions' {@code \\s}. */
    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
