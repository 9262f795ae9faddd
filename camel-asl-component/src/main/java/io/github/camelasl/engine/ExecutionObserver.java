package io.github.camelasl.engine;

import io.github.camelasl.history.HistoryEvent;

/**
 * Watches what a deployment's executions do, beyond their history: which Choice rule decided, which Retrier and
 * which Catcher took an error. Path coverage listens here. Told synchronously, on the thread that runs the
 * execution (Parallel branches and Map iterations may call it from several threads at once): keep it quick, and
 * thread-safe. What it throws is logged and does not stop the execution. Register it with
 * {@link StateMachineRuntime#addObserver} (one deployment) or the asl component's {@code addExecutionObserver}
 * (every deployment of the component, present and future).
 */
public interface ExecutionObserver {

    /** A state machine is deployed (or already was when this observer was added), with its definition text. */
    default void deployed(String stateMachineArn, String definition) {
    }

    /**
     * An execution (new, restarted, resumed or redriven) runs on {@code definition} of {@code stateMachineArn}:
     * told before its events here, so that its events, rules and catchers can be put to the right definition.
     */
    default void executionRunning(String executionArn, String stateMachineArn, String definition) {
    }

    /**
     * A history event of the execution is recorded (Parallel branches' and Map iterations' too): one at a time per
     * execution, in id order, while its history is locked (do not wait on anything here). The event renders its
     * details only when asked ({@link HistoryEvent#toJson()} keeps them, {@link HistoryEvent#render()} does not): an
     * observer reading only its type and ids costs the execution nothing more.
     */
    default void onEvent(String executionArn, HistoryEvent event) {
    }

    /**
     * A Choice state decided: by its rule at {@code ruleIndex} (0-based, in {@code Choices}), or by its Default
     * ({@code -1}). Not told when nothing matched and there is no Default (States.NoChoiceMatched).
     */
    default void choiceRuleMatched(String executionArn, String choiceState, int ruleIndex) {
    }

    /**
     * A state's error is retried by its Retrier at {@code retrierIndex} (0-based, in {@code Retry});
     * {@code attempt} counts that retrier's retries of this visit, from 1.
     */
    default void retrying(String executionArn, String state, int retrierIndex, int attempt) {
    }

    /** A state's error is taken by its Catcher at {@code catcherIndex} (0-based, in {@code Catch}). */
    default void caught(String executionArn, String state, int catcherIndex) {
    }
}
