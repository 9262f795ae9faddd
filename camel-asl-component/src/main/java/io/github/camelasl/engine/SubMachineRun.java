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
        return parent.child(state.branches().get(branchIndex), null, parent.fanOut().startedEventId(), input);
    }

    /** Starts iteration {@code index}; when its input cannot be built the iteration starts out failed. */
    public static Scope startIteration(Scope parent, int index, JsonNode item) {
        MapState state = (MapState) parent.current();
        FanOut fanOut = parent.fanOut();
        long started = parent.execution().history().append(HistoryEventType.MapIterationStarted,
                fanOut.startedEventId(), EventDetails.mapIteration(state.name(), index));
        try {
            return parent.child(state.itemProcessor(), null, started, MapStep.iterationInput(parent, index, item));
        } catch (RuntimeException e) {
            Scope failed = parent.child(state.itemProcessor(), null, started, item);
            failed.fail(FailurePolicy.toAslError(e, Scope.Phase.DATAFLOW));
            return failed;
        }
    }

    public static void finishBranch(Scope child, int branchIndex) {
        FanOut fanOut = child.parent().fanOut();
        if (child.failure() != null) {
            fanOut.failed(branchIndex, child.failure());
        } else if (child.done()) {
            fanOut.succeeded(branchIndex, child.output());
        }
    }

    public static void finishIteration(Scope child, int index) {
        Scope parent = child.parent();
        FanOut fanOut = parent.fanOut();
        String name = parent.current().name();
        if (child.failure() != null) {
            fanOut.failed(index, child.failure());
            parent.execution().history().append(HistoryEventType.MapIterationFailed, child.lastEventId(),
                    EventDetails.mapIteration(name, index));
        } else if (child.done()) {
            fanOut.succeeded(index, child.output());
            parent.execution().history().append(HistoryEventType.MapIterationSucceeded, child.lastEventId(),
                    EventDetails.mapIteration(name, index));
        } else {
            parent.execution().history().append(HistoryEventType.MapIterationAborted, child.lastEventId(),
                    EventDetails.mapIteration(name, index));
        }
    }
}
