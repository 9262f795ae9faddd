package io.github.camelasl.mock;

import java.util.Map;
import java.util.Set;

/**
 * A test case of a state machine in a mock configuration: which Task states (by name) answer from which
 * {@link MockedResponses}. States it does not name run for real.
 */
public final class MockTestCase {

    private final String stateMachine;
    private final String name;
    private final Map<String, MockedResponses> byState;

    MockTestCase(String stateMachine, String name, Map<String, MockedResponses> byState) {
        this.stateMachine = stateMachine;
        this.name = name;
        this.byState = Map.copyOf(byState);
    }

    /** The state machine's name, as the configuration's {@code StateMachines} names it. */
    public String stateMachine() {
        return stateMachine;
    }

    public String name() {
        return name;
    }

    /** The states it mocks. */
    public Set<String> stateNames() {
        return byState.keySet();
    }

    /** The responses of {@code stateName}, or null when it is not mocked (it runs for real). */
    public MockedResponses responses(String stateName) {
        return byState.get(stateName);
    }

    /** A fresh run of this test case, for one execution: its own invocation counts. */
    public MockedExecution newExecution() {
        return new MockedExecution(this);
    }
}
