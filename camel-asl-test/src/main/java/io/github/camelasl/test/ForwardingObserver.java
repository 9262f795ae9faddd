package io.github.camelasl.test;

import io.github.camelasl.engine.ExecutionObserver;
import io.github.camelasl.history.HistoryEvent;

/**
 * Tells its delegate while {@link #forwarding}: how a kit attached to a user's component takes its observer back
 * when it closes (a component cannot remove one).
 */
final class ForwardingObserver implements ExecutionObserver {

    private final ExecutionObserver delegate;
    volatile boolean forwarding;

    ForwardingObserver(ExecutionObserver delegate) {
        this.delegate = delegate;
    }

    @Override
    public void deployed(String stateMachineArn, String definition) {
        if (forwarding) {
            delegate.deployed(stateMachineArn, definition);
        }
    }

    @Override
    public void executionRunning(String executionArn, String stateMachineArn, String definition) {
        if (forwarding) {
            delegate.executionRunning(executionArn, stateMachineArn, definition);
        }
    }

    @Override
    public void onEvent(String executionArn, HistoryEvent event) {
        if (forwarding) {
            delegate.onEvent(executionArn, event);
        }
    }

    @Override
    public void choiceRuleMatched(String executionArn, String choiceState, int ruleIndex) {
        if (forwarding) {
            delegate.choiceRuleMatched(executionArn, choiceState, ruleIndex);
        }
    }

    @Override
    public void retrying(String executionArn, String state, int retrierIndex, int attempt) {
        if (forwarding) {
            delegate.retrying(executionArn, state, retrierIndex, attempt);
        }
    }

    @Override
    public void caught(String executionArn, String state, int catcherIndex) {
        if (forwarding) {
            delegate.caught(executionArn, state, catcherIndex);
        }
    }
}
