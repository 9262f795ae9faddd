package io.github.camelasl.mock;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The mocks of one execution: which Task states answer from a mock instead of calling their endpoints, and what each
 * invocation answers. A mock test case of Step Functions Local's configuration is one ({@link MockedExecution}); the
 * test kit's Java mocks are another. One instance serves one execution: invocations are counted across it.
 */
public interface TaskMocks {

    /** True when the Task state {@code stateName}, whose Resource is {@code resource}, answers from a mock. */
    boolean mocks(String stateName, String resource);

    /**
     * Counts one invocation of {@code stateName} (a state {@link #mocks} is true for) and answers its response.
     *
     * @param input the Task's effective parameters (after InputPath, Parameters or Arguments)
     * @throws MockedExecution.NoMockedResponseException past the last invocation it has a response for
     */
    MockedResponse next(String stateName, String resource, JsonNode input);

    /**
     * The name written to ExecutionStarted's {@code mockTestCase}: a mocked execution is never resumed or redriven
     * with real endpoints.
     */
    String testCaseName();
}
