package io.github.camelasl.test;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.mock.MockTestCase;
import io.github.camelasl.mock.MockedExecution;
import io.github.camelasl.mock.MockedResponse;
import io.github.camelasl.mock.TaskMocks;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mocks of one kit execution: a state's own mock first, then the mock config's test case, then a mock of its
 * Resource. Invocations are counted per mock, across the execution.
 */
final class KitMocks implements TaskMocks {

    private final Map<String, TaskMock> byState;
    private final Map<String, TaskMock> byResource;
    private final MockedExecution testCase;
    private final Map<TaskMock, AtomicLong> invocations = new ConcurrentHashMap<>();

    KitMocks(Map<String, TaskMock> byState, Map<String, TaskMock> byResource, MockTestCase testCase) {
        this.byState = Map.copyOf(byState);
        this.byResource = Map.copyOf(byResource);
        this.testCase = testCase == null ? null : testCase.newExecution();
    }

    @Override
    public boolean mocks(String stateName, String resource) {
        return byState.containsKey(stateName) || (testCase != null && testCase.mocks(stateName))
                || (resource != null && byResource.containsKey(resource));
    }

    @Override
    public MockedResponse next(String stateName, String resource, JsonNode input) {
        TaskMock mock = byState.get(stateName);
        if (mock == null && testCase != null && testCase.mocks(stateName)) {
            return testCase.next(stateName);
        }
        if (mock == null) {
            mock = byResource.get(resource);
        }
        long invocation = invocations.computeIfAbsent(mock, m -> new AtomicLong()).getAndIncrement();
        return mock.answer(invocation, input);
    }

    @Override
    public String testCaseName() {
        return testCase != null ? testCase.testCaseName() : "camel-asl-test";
    }
}
