package io.github.camelasl.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An execution's history read in one pass: which state entry (an "instance": one StateEntered to its
 * StateExited) each event belongs to, which Map iteration each instance ran in, and how each instance ended.
 *
 * <p>The engine chains events with previousEventId: the events of a state follow its StateEntered; the first
 * state of a Parallel branch follows ParallelStateStarted, of a Map iteration its MapIterationStarted (which
 * follows MapStateStarted); an iteration's end follows its last event; ParallelState*, MapState* ends follow
 * their Started event. So an event's owner is its predecessor's, except where a new entry or iteration begins.
 */
final class HistoryIndex {

    /** The events that end an attempt of a state in failure (a Retry may try again). */
    private static final Set<String> ATTEMPT_FAILURES = Set.of("TaskFailed", "TaskTimedOut", "TaskStartFailed",
            "TaskSubmitFailed", "LambdaFunctionFailed", "LambdaFunctionTimedOut", "LambdaFunctionStartFailed",
            "LambdaFunctionScheduleFailed", "ActivityFailed", "ActivityTimedOut", "ActivityScheduleFailed",
            "ParallelStateFailed", "MapStateFailed");
    /** The events that begin an attempt: a retry is each one after the first of an entry. */
    private static final Set<String> ATTEMPT_STARTS = Set.of("TaskScheduled", "LambdaFunctionScheduled",
            "ActivityScheduled", "ParallelStateStarted", "MapStateStarted");
    /** Ends of a scope whose predecessor, when it is an event of a state, is the state that failed it. */
    private static final Set<String> FAILING_ENDS = Set.of("ExecutionFailed", "ParallelStateFailed",
            "MapStateFailed", "MapIterationFailed");

    /** One entry of a state: its StateEntered to its StateExited. */
    static final class Instance {
        final int index;
        final String name;
        final String type;
        final JsonNode entered;
        /** The Parallel or Map entry it runs in, or null at the top level. */
        final Instance parent;
        /** The Map iteration it runs in (innermost), or null. */
        final Iteration iteration;
        JsonNode exited;
        int attempts;
        boolean lastAttemptFailed;
        /** Named by the failure that ended its scope (ExecutionFailed, a branch's, an iteration's). */
        boolean failedScope;
        /** Still open when the execution ended (it may go on after a redrive, in a new entry). */
        boolean openAtExecutionEnd;
        JsonNode failure;
        JsonNode scheduled;
        /** A Map entry's items (its last attempt's MapStateStarted length). */
        long items;
        StateStatus status;

        Instance(int index, String name, String type, JsonNode entered, Instance parent, Iteration iteration) {
            this.index = index;
            this.name = name;
            this.type = type;
            this.entered = entered;
            this.parent = parent;
            this.iteration = iteration;
        }

        int retries() {
            return Math.max(0, attempts - 1);
        }

        /** The Map iteration it ran in, as {@link Iteration#key}; "" at the top level. */
        String scopeKey() {
            return iteration == null ? "" : iteration.key;
        }
    }

    /** One iteration of a Map entry. */
    static final class Iteration {
        /** Its place in {@link #iterations}: after the iteration its Map ran in, if any. */
        final int position;
        final Instance map;
        final int index;
        /**
         * Which iteration it is, whichever entry of its Map ran it ("/Outer[2]/Inner[0]"): a redriven Map's run of an
         * iteration has the key of the run before.
         */
        final String key;
        /** MapIterationSucceeded, MapIterationFailed, MapIterationAborted, or null while it runs. */
        String end;

        Iteration(int position, Instance map, int index) {
            this.position = position;
            this.map = map;
            this.index = index;
            this.key = map.scopeKey() + "/" + map.name + "[" + index + "]";
        }
    }

    /**
     * Which iterations are iteration {@code index} of Map {@code mapState} or run inside one that is, by position:
     * one pass, since an iteration comes after the one its Map runs in.
     */
    boolean[] iterationsWithin(String mapState, int index) {
        boolean[] within = new boolean[iterations.size()];
        for (Iteration iteration : iterations) {
            Iteration outer = iteration.map.iteration;
            within[iteration.position] = iteration.index == index && iteration.map.name.equals(mapState)
                    || outer != null && within[outer.position];
        }
        return within;
    }

    final List<JsonNode> events;
    final List<Instance> instances = new ArrayList<>();
    final List<Iteration> iterations = new ArrayList<>();
    /** The owner (an instance's index, or -1) of each event, by its position in {@link #events}. */
    final int[] owners;
    /** ExecutionSucceeded, ExecutionFailed, ExecutionTimedOut, ExecutionAborted, or null while it runs. */
    String executionEnd;

    HistoryIndex(List<JsonNode> history) {
        events = inIdOrder(history);
        int size = events.size();
        owners = new int[size];
        long[] ids = new long[size];
        String[] types = new String[size];
        for (int i = 0; i < size; i++) {
            ids[i] = events.get(i).path("id").asLong();
            types[i] = events.get(i).path("type").asText("");
        }
        Positions positions = new Positions(ids);
        Iteration[] scopes = new Iteration[size];
        Instance[] parents = new Instance[size];
        Set<Instance> open = new java.util.LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            JsonNode event = events.get(i);
            int prev = positions.of(event.path("previousEventId").asLong());
            if (prev >= i) {
                prev = -1; // an event follows an earlier one only: a loop would be data, not history
            }
            String type = types[i];
            String prevType = prev < 0 ? "" : types[prev];
            Instance prevOwner = prev < 0 || owners[prev] < 0 ? null : instances.get(owners[prev]);
            Iteration scope = prev < 0 ? null : scopes[prev];
            Instance parent = prev < 0 ? null : parents[prev];
            owners[i] = prevOwner == null ? -1 : prevOwner.index;
            if (type.endsWith("StateEntered")) {
                if (prevType.equals("ParallelStateStarted")) {
                    parent = prevOwner;
                }
                Instance instance = new Instance(instances.size(),
                        event.path("stateEnteredEventDetails").path("name").asText(""),
                        type.substring(0, type.length() - "StateEntered".length()), event, parent, scope);
                instances.add(instance);
                open.add(instance);
                owners[i] = instance.index;
            } else if (type.equals("MapIterationStarted")) {
                if (prevOwner != null) {
                    Iteration iteration = new Iteration(iterations.size(), prevOwner,
                            event.path("mapIterationStartedEventDetails").path("index").asInt(-1));
                    iterations.add(iteration);
                    scope = iteration;
                    parent = prevOwner;
                }
                owners[i] = -1;
            } else if (type.startsWith("MapIteration")) {
                // follows the iteration's last event (or its start): back to the scope the Map itself is in
                if (scope != null) {
                    scope.end = type;
                    parent = scope.map.parent;
                    owners[i] = scope.map.index;
                    scope = scope.map.iteration;
                }
                if (type.equals("MapIterationFailed") && prevOwner != null && prevOwner.exited == null
                        && !prevType.equals("MapIterationStarted")) {
                    prevOwner.failedScope = true;
                }
            } else if (type.startsWith("Execution")) {
                owners[i] = -1;
                if (!type.equals("ExecutionStarted") && !type.equals("ExecutionRedriven")) {
                    executionEnd = type;
                    // each entry is marked once at most: open ones leave the set
                    open.forEach(instance -> instance.openAtExecutionEnd = true);
                    open.clear();
                } else if (type.equals("ExecutionRedriven")) {
                    executionEnd = null;
                }
            }
            if (type.endsWith("StateExited") && prevOwner != null) {
                prevOwner.exited = event;
                open.remove(prevOwner);
                // the next state of the same scope has the same parent
                parent = prevOwner.parent;
                owners[i] = prevOwner.index;
            }
            Instance owner = owners[i] < 0 ? null : instances.get(owners[i]);
            if (owner != null && !type.endsWith("StateEntered") && !type.startsWith("MapIteration")) {
                if (ATTEMPT_STARTS.contains(type)) {
                    owner.attempts++;
                    owner.lastAttemptFailed = false;
                    if (type.equals("TaskScheduled") || type.equals("LambdaFunctionScheduled")
                            || type.equals("ActivityScheduled")) {
                        owner.scheduled = event;
                    }
                    if (type.equals("MapStateStarted")) { // a retried Map's last attempt counts
                        owner.items = event.path("mapStateStartedEventDetails").path("length").asLong(0);
                    }
                } else if (ATTEMPT_FAILURES.contains(type)) {
                    owner.lastAttemptFailed = true;
                    owner.failure = event;
                }
            }
            if (FAILING_ENDS.contains(type) && !type.equals("MapIterationFailed") && prevOwner != null
                    && prevOwner.exited == null && (owner == null || prevOwner != owner)) {
                prevOwner.failedScope = true;
                if (prevOwner.failure == null && type.equals("ExecutionFailed")) {
                    prevOwner.failure = event;
                }
            }
            scopes[i] = scope;
            parents[i] = parent;
        }
        // in order: an entry's Parallel or Map came before it, so its status is known and status() never nests
        for (Instance instance : instances) {
            status(instance);
        }
    }

    private static List<JsonNode> inIdOrder(List<JsonNode> history) {
        List<JsonNode> events = new ArrayList<>(history.size());
        long last = Long.MIN_VALUE;
        boolean ordered = true;
        for (JsonNode event : history) {
            if (event == null || !event.isObject()) {
                continue; // not an event: nothing to colour with
            }
            long id = event.path("id").asLong();
            ordered &= id > last;
            last = id;
            events.add(event);
        }
        if (!ordered) {
            events.sort(Comparator.comparingLong(event -> event.path("id").asLong()));
        }
        return events;
    }

    private StateStatus status(Instance instance) {
        if (instance.status != null) {
            return instance.status;
        }
        StateStatus status;
        if (instance.exited != null) {
            status = instance.lastAttemptFailed ? StateStatus.CAUGHT
                    : instance.retries() > 0 ? StateStatus.RETRIED : StateStatus.SUCCEEDED;
        } else if (scopeEnded(instance)) {
            status = instance.failedScope || instance.lastAttemptFailed || instance.type.equals("Fail")
                    ? StateStatus.FAILED : StateStatus.CANCELLED;
        } else {
            status = instance.type.equals("Fail") ? StateStatus.FAILED : StateStatus.RUNNING;
        }
        instance.status = status;
        return status;
    }

    /** Whether what an unfinished entry ran in has ended: its Parallel or Map, its iteration, the execution. */
    private boolean scopeEnded(Instance instance) {
        if (instance.openAtExecutionEnd || instance.iteration != null && instance.iteration.end != null) {
            return true;
        }
        if (instance.parent != null) {
            return status(instance.parent) != StateStatus.RUNNING;
        }
        return executionEnd != null;
    }

    /**
     * Each state's status: the worst over the Map iterations it ran in of its latest entry in each (a loop's or a
     * redrive's later entry replaces the earlier); at the top level, its latest entry.
     */
    Map<String, Summary> summaries(java.util.function.Predicate<Instance> included) {
        Map<String, Summary> summaries = new HashMap<>();
        for (Instance instance : instances) {
            if (!included.test(instance)) {
                continue;
            }
            Summary summary = summaries.computeIfAbsent(instance.name, name -> new Summary());
            summary.runs++;
            summary.retries += instance.retries();
            // a later entry in the same scope (a loop) replaces the earlier one's status
            summary.latest.put(instance.scopeKey(), instance.status);
        }
        for (Summary summary : summaries.values()) {
            for (StateStatus status : summary.latest.values()) {
                summary.status = StateStatus.worse(summary.status, status);
            }
            summary.latest = null;
        }
        return summaries;
    }

    /** What the graph shows of one state. */
    static final class Summary {
        StateStatus status;
        int runs;
        int retries;
        /** The latest entry's status in each Map iteration (by key: a redrive's run replaces the one before). */
        private Map<String, StateStatus> latest = new HashMap<>();
    }

    /**
     * An event's position by its id: an array when the ids are dense (1..n in a full history, n+1.. after a resumed
     * one's earlier events), else a map.
     */
    private static final class Positions {
        private final long first;
        private final int[] dense;
        private final Map<Long, Integer> sparse;

        Positions(long[] ids) {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (long id : ids) {
                min = Math.min(min, id);
                max = Math.max(max, id);
            }
            first = min;
            long span = max - min; // negative when it overflows: ids far apart, a map then
            if (ids.length > 0 && span >= 0 && span < 4L * ids.length + 16) {
                dense = new int[(int) (max - min + 1)];
                java.util.Arrays.fill(dense, -1);
                for (int i = 0; i < ids.length; i++) {
                    dense[(int) (ids[i] - min)] = i;
                }
                sparse = null;
            } else {
                dense = null;
                sparse = new HashMap<>(ids.length * 2);
                for (int i = 0; i < ids.length; i++) {
                    sparse.put(ids[i], i);
                }
            }
        }

        /** The position of the event with id {@code id}, or -1. */
        int of(long id) {
            if (dense != null) {
                long at = id - first;
                return at < 0 || at >= dense.length ? -1 : dense[(int) at];
            }
            Integer at = sparse.get(id);
            return at == null ? -1 : at;
        }
    }
}
