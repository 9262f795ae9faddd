package io.github.camelasl.engine;

import io.github.camelasl.history.HistoryEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The observers one deployment tells: its own ({@link StateMachineRuntime#addObserver}) and its deployer's or
 * component's. Each hook first checks that there is someone to tell: with no observer it costs two list reads and
 * allocates nothing. An observer that throws (an AssertionError too) is logged; the execution goes on.
 */
final class DeploymentObservers {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeploymentObservers.class);

    /** For an execution no runtime observes (none added yet): nothing to tell. */
    static final DeploymentObservers NONE = new DeploymentObservers(null, null, new ExecutionObservers());

    private final String stateMachineArn;
    private final String definition;
    private final List<ExecutionObserver> own = new CopyOnWriteArrayList<>();
    private final ExecutionObservers shared;

    DeploymentObservers(String stateMachineArn, String definition, ExecutionObservers shared) {
        this.stateMachineArn = stateMachineArn;
        this.definition = definition;
        this.shared = shared;
    }

    /** Adds {@code observer} unless it is here already (it would be told everything twice). */
    synchronized void add(ExecutionObserver observer) {
        if (own.contains(java.util.Objects.requireNonNull(observer, "observer"))) {
            return;
        }
        own.add(observer);
        tellDeployed(observer);
    }

    void tellDeployed(ExecutionObserver observer) {
        safely(observer, o -> o.deployed(stateMachineArn, definition));
    }

    /** Its deployment is gone: observers added to the shared ones later are not told of it. */
    void undeployed() {
        shared.undeployed(this);
    }

    boolean isEmpty() {
        return own.isEmpty() && shared.isEmpty();
    }

    void executionRunning(String executionArn) {
        if (!isEmpty()) {
            tell(o -> o.executionRunning(executionArn, stateMachineArn, definition));
        }
    }

    void onEvent(String executionArn, HistoryEvent event) {
        if (!isEmpty()) {
            tell(o -> o.onEvent(executionArn, event));
        }
    }

    void choiceRuleMatched(String executionArn, String choiceState, int ruleIndex) {
        if (!isEmpty()) {
            tell(o -> o.choiceRuleMatched(executionArn, choiceState, ruleIndex));
        }
    }

    void retrying(String executionArn, String state, int retrierIndex, int attempt) {
        if (!isEmpty()) {
            tell(o -> o.retrying(executionArn, state, retrierIndex, attempt));
        }
    }

    void caught(String executionArn, String state, int catcherIndex) {
        if (!isEmpty()) {
            tell(o -> o.caught(executionArn, state, catcherIndex));
        }
    }

    private void tell(Consumer<ExecutionObserver> call) {
        for (ExecutionObserver observer : own) {
            safely(observer, call);
        }
        for (ExecutionObserver observer : shared.observers()) {
            safely(observer, call);
        }
    }

    private static void safely(ExecutionObserver observer, Consumer<ExecutionObserver> call) {
        try {
            call.accept(observer);
        } catch (VirtualMachineError fatal) {
            throw fatal; // out of memory, a stack overflow: nothing is safe to go on with
        } catch (Throwable e) {
            // as a history listener: an observer (coverage, a trace, a test's assertion) must not stop the
            // execution it watches, which would otherwise stay RUNNING for ever
            LOG.warn("Execution observer {} failed: {}", observer, e.toString());
        }
    }
}
