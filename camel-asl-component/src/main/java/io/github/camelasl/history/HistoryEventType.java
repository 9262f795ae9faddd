package io.github.camelasl.history;

/** The GetExecutionHistory event types the engine writes, with the details field each one carries. */
public enum HistoryEventType {
    ExecutionStarted("executionStartedEventDetails"),
    ExecutionSucceeded("executionSucceededEventDetails"),
    ExecutionFailed("executionFailedEventDetails"),
    ExecutionTimedOut("executionTimedOutEventDetails"),
    ExecutionAborted("executionAbortedEventDetails"),
    ExecutionRedriven("executionRedrivenEventDetails"),
    StateEntered("stateEnteredEventDetails"),
    StateExited("stateExitedEventDetails"),
    ActivityScheduled("activityScheduledEventDetails"),
    ActivityStarted("activityStartedEventDetails"),
    ActivitySucceeded("activitySucceededEventDetails"),
    ActivityFailed("activityFailedEventDetails"),
    ActivityTimedOut("activityTimedOutEventDetails"),
    TaskScheduled("taskScheduledEventDetails"),
    TaskStarted("taskStartedEventDetails"),
    TaskSubmitted("taskSubmittedEventDetails"),
    TaskSucceeded("taskSucceededEventDetails"),
    TaskFailed("taskFailedEventDetails"),
    TaskTimedOut("taskTimedOutEventDetails"),
    LambdaFunctionScheduled("lambdaFunctionScheduledEventDetails"),
    LambdaFunctionStarted(null),
    LambdaFunctionSucceeded("lambdaFunctionSucceededEventDetails"),
    LambdaFunctionFailed("lambdaFunctionFailedEventDetails"),
    LambdaFunctionTimedOut("lambdaFunctionTimedOutEventDetails"),
    ParallelStateStarted(null),
    ParallelStateSucceeded(null),
    ParallelStateFailed(null),
    MapStateStarted("mapStateStartedEventDetails"),
    MapStateSucceeded(null),
    MapStateFailed(null),
    MapIterationStarted("mapIterationStartedEventDetails"),
    MapIterationSucceeded("mapIterationSucceededEventDetails"),
    MapIterationFailed("mapIterationFailedEventDetails"),
    MapIterationAborted("mapIterationAbortedEventDetails"),
    MapRunStarted("mapRunStartedEventDetails"),
    MapRunSucceeded(null),
    MapRunFailed("mapRunFailedEventDetails"),
    MapRunAborted(null),
    WaitStateAborted(null);

    private final String detailsField;

    HistoryEventType(String detailsField) {
        this.detailsField = detailsField;
    }

    public String detailsField() {
        return detailsField;
    }
}
