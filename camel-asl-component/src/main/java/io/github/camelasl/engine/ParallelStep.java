package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.history.HistoryEventType;
import io.github.camelasl.model.ParallelState;

/**
 * Parallel: the route multicasts the effective input to one sub-route per branch; this class prepares the
 * input and turns the branch outcomes into the state's result.
 */
public final class ParallelStep {

    private ParallelStep() {
    }

    /** Returns the input every branch receives. */
    public static JsonNode prepare(Scope scope) {
        Transitions.enter(scope);
        ParallelState state = (ParallelState) scope.current();
        JsonNode effective = Transitions.effectiveInput(scope, state.parameters(), state.arguments());
        scope.effectiveInput(effective);
        long started = scope.record(HistoryEventType.ParallelStateStarted, null);
        FanOut fanOut = new FanOut(state.branches().size(), 0, 0, started,
                scope.execution().config().limits().maxPayloadSize());
        fanOut.keep(scope.takeRedrivenRuns());
        scope.fanOut(fanOut);
        return effective;
    }

    public static void complete(Scope scope) {
        ParallelState state = (ParallelState) scope.current();
        FanOut fanOut = scope.fanOut();
        scope.fanOut(null);
        if (scope.execution().isFinished()) {
            return;
        }
        if (fanOut.overflowed()) {
            scope.record(HistoryEventType.ParallelStateFailed, null);
            throw scope.execution().config().limits().collectedResultTooBig(state.name());
        }
        AslError failure = fanOut.firstFailure();
        if (failure != null) {
            scope.fanOutFailed(fanOut.succeededOutputs());
            scope.record(HistoryEventType.ParallelStateFailed, null);
            scope.phase(Scope.Phase.FAN_OUT_RESULT);
            throw failure;
        }
        scope.record(HistoryEventType.ParallelStateSucceeded, null);
        Transitions.exitWithResult(scope, state.resultSelector(), state.resultPath(), fanOut.outputs());
    }
}
