package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.history.EventDetails;
import io.github.camelasl.history.HistoryEventType;
import io.github.camelasl.model.MapState;
import io.github.camelasl.model.ParallelState;

/** The start and end of a Parallel branch or a Map iteration: a child scope, and its outcome in the FanOut. */
public final class SubMachineRun {

    private SubMachineRun() {
    }

    public static Scope startBranch(Scope parent, int branchIndex, JsonNode input) {
        ParallelState state = (ParallelState) parent.current();
        Scope child = parent.child(state.branches().get(branchIndex), null, parent.fanOut().startedEventId(), input);
        keptByRedrive(child, branchIndex);
        return child;
    }

    /** A run a redrive keeps starts out done with its earlier output: its driver has nothing to run. */
    private static void keptByRedrive(Scope child, int index) {
        FanOut fanOut = child.parent().fanOut();
        if (fanOut.kept(index)) {
            child.succeed(fanOut.output(index), 0); // finishBranch/finishIteration skip a kept run
        }
    }

    /** Starts iteration {@code index}; when its input cannot be built the iteration starts out failed. */
    public static Scope startIteration(Scope parent, int index, JsonNode item) {
        MapState state = (MapState) parent.current();
        FanOut fanOut = parent.fanOut();
        if (fanOut.kept(index)) {
            Scope kept = parent.child(state.itemProcessor(), null, fanOut.startedEventId(), item);
            keptByRedrive(kept, index);
            return kept;
        }
        long started = iterationEvent(parent, HistoryEventType.MapIterationStarted, fanOut.startedEventId(),
                state.name(), index);
        java.time.Instant now = parent.execution().clock().instant();
        JsonNode input;
        try {
            input = MapStep.iterationInput(parent, index, item);
        } catch (RuntimeException e) {
            fanOut.runStarted(index, item, now);
            Scope failed = parent.child(state.itemProcessor(), null, started, item);
            failed.fail(FailurePolicy.toAslError(e, Scope.Phase.DATAFLOW));
            return failed;
        }
        fanOut.runStarted(index, input, now);
        return parent.child(state.itemProcessor(), null, started, input);
    }

    /**
     * Runs a Parallel state's branches one after the other on this thread: for branches of inline states only
     * ({@link InlineStates#handlesAll}), where a multicast's per-branch exchanges and hand-offs would cost more
     * than the branches' work. Same events, same outcome as the routed branches.
     */
    public static void runBranchesInline(Scope parent, JsonNode input) {
        int branches = ((ParallelState) parent.current()).branches().size();
        for (int i = 0; i < branches; i++) {
            Scope child = startBranch(parent, i, input);
            runInline(child);
            finishBranch(child, i);
        }
    }

    /** Runs a Map state's iterations in order on this thread, for an item processor of inline states only. */
    public static void runIterationsInline(Scope parent, java.util.List<JsonNode> items) {
        for (int i = 0; i < items.size(); i++) {
            Scope child = startIteration(parent, i, items.get(i));
            runInline(child);
            finishIteration(child, i);
        }
    }

    private static void runInline(Scope child) {
        try {
            InlineStates.run(child);
        } catch (RuntimeException e) {
            child.failRun(FailurePolicy.toAslError(e, Scope.Phase.DATAFLOW)); // as a routed run's catch does
        }
    }

    public static void finishBranch(Scope child, int branchIndex) {
        FanOut fanOut = child.parent().fanOut();
        if (fanOut.kept(branchIndex)) {
            return;
        }
        if (child.failure() != null) {
            fanOut.failed(branchIndex, child.failure());
        } else if (child.done()) {
            fanOut.succeeded(branchIndex, child.output(), child.outputBytes());
        }
    }

    public static void finishIteration(Scope child, int index) {
        Scope parent = child.parent();
        FanOut fanOut = parent.fanOut();
        String name = parent.current().name();
        if (fanOut.kept(index)) {
            return;
        }
        fanOut.runStopped(index, parent.execution().clock().instant());
        if (child.failure() != null) {
            fanOut.failed(index, child.failure());
            iterationEvent(parent, HistoryEventType.MapIterationFailed, child.lastEventId(), name, index);
        } else if (child.done()) {
            fanOut.succeeded(index, child.output(), child.outputBytes());
            iterationEvent(parent, HistoryEventType.MapIterationSucceeded, child.lastEventId(), name, index);
        } else {
            fanOut.runAborted();
            iterationEvent(parent, HistoryEventType.MapIterationAborted, child.lastEventId(), name, index);
        }
    }

    /** A MapIteration* event; its details are built only if the history is read. */
    private static long iterationEvent(Scope parent, HistoryEventType type, long previousEventId, String stateName,
            int index) {
        return parent.execution().history().append(type, type.name(), previousEventId,
                () -> EventDetails.mapIteration(stateName, index));
    }
}
