package io.github.camelasl.mock;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mocks of one execution that runs a {@link MockTestCase}: each mocked state's invocations are counted across the
 * whole execution (its first attempt, every retry, every Map iteration and Parallel branch that runs it), and the
 * count picks the response. Iterations that run side by side take the numbers in the order they get there.
 */
public final class MockedExecution implements TaskMocks {

    private final MockTestCase testCase;
    private final Map<String, AtomicLong> invocations = new ConcurrentHashMap<>();

    MockedExecution(MockTestCase testCase) {
        this.testCase = testCase;
    }

    public MockTestCase testCase() {
        return testCase;
    }

    /** True when {@code stateName} answers from a mock rather than its endpoint. */
    public boolean mocks(String stateName) {
        return testCase.responses(stateName) != null;
    }

    /** By state name only, as Step Functions Local's test cases mock. */
    @Override
    public boolean mocks(String stateName, String resource) {
        return mocks(stateName);
    }

    @Override
    public MockedResponse next(String stateName, String resource, com.fasterxml.jackson.databind.JsonNode input) {
        return next(stateName);
    }

    @Override
    public String testCaseName() {
        return testCase.name();
    }

    /**
     * Counts one invocation of {@code stateName} (a state {@link #mocks} is true for) and answers its response.
     *
     * @throws NoMockedResponseException past the last invocation its responses number
     */
    public MockedResponse next(String stateName) {
        MockedResponses responses = testCase.responses(stateName);
        long invocation = invocations.computeIfAbsent(stateName, name -> new AtomicLong()).getAndIncrement();
        MockedResponse response = responses.forInvocation(invocation);
        if (response == null) {
            throw new NoMockedResponseException("State '" + stateName + "' was invoked " + (invocation + 1)
                    + " times, and mocked response '" + responses.name() + "' of test case '" + testCase.name()
                    + "' answers " + responses.invocations() + " (invocations 0 to " + (responses.invocations() - 1)
                    + ")");
        }
        return response;
    }

    /** A mocked state was invoked more often than its mocked response answers. */
    public static final class NoMockedResponseException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NoMockedResponseException(String message) {
            super(message, null, false, false);
        }
    }
}
