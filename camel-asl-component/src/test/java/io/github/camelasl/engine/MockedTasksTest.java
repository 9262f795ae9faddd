package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.mock.MockConfig;
import io.github.camelasl.mock.MockedExecution;
import io.github.camelasl.store.ExecutionRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * An execution that runs a mock test case (Step Functions Local's MockConfigFile): the Tasks it names take their
 * result or error from the mocked responses, counted per state across the execution, and never call their endpoints;
 * the others run for real.
 */
class MockedTasksTest extends EngineTestSupport {

    /** How often each endpoint was really called. */
    private final Map<String, AtomicInteger> calls = Map.of("direct:work", new AtomicInteger(),
            "direct:other", new AtomicInteger(), "direct:ask", new AtomicInteger());

    @Override
    protected void configure(CamelContext camel) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:work").process(e -> {
                    calls.get("direct:work").incrementAndGet();
                    e.getMessage().setBody("{\"Payload\": {\"body\": \"real\"}}");
                });
                from("direct:other").process(e -> {
                    calls.get("direct:other").incrementAndGet();
                    e.getMessage().setBody("{\"other\": \"real\"}");
                });
                from("direct:ask").process(e -> calls.get("direct:ask").incrementAndGet()); // never answers
            }
        });
    }

    private static final String MOCKS = """
            {"StateMachines": {"test": {"TestCases": {
               "Happy": {"Work": "Payload"},
               "Both": {"Work": "Payload", "Other": "Payload"},
               "Flaky": {"Work": "FailsThenWorks"},
               "Items": {"Work": "Numbered"},
               "Short": {"Work": "Payload"},
               "Ask": {"Ask": "Approved"},
               "Denied": {"Ask": "Refused"}}}},
             "MockedResponses": {
               "Payload": {"0": {"Return": {"StatusCode": 200, "Payload": {"body": "mocked"}}}},
               "FailsThenWorks": {"0": {"Throw": {"Error": "Lambda.TooManyRequestsException", "Cause": "slow down"}},
                                  "1": {"Return": {"Payload": {"body": "second"}}}},
               "Numbered": {"0": {"Return": {"n": 0}}, "1-2": {"Return": {"n": "1 or 2"}}, "3": {"Return": {"n": 3}}},
               "Approved": {"0": {"Return": {"approved": true}}},
               "Refused": {"0": {"Throw": {"Error": "Denied", "Cause": "no"}}}}}""";

    private static MockedExecution mocks(String testCase) {
        return MockConfig.parse("test", MOCKS).testCase("test", testCase).orElseThrow().newExecution();
    }

    private ExecutionResult run(StateMachineRuntime runtime, String input, String testCase) throws Exception {
        return runtime.begin(json(input), null, Map.of(), List.of(), false, mocks(testCase)).completion()
                .get(30, TimeUnit.SECONDS);
    }

    private static List<String> types(ExecutionResult result) {
        return result.history().stream().map(e -> e.get("type").asText()).toList();
    }

    @Test
    void aMockedReturnIsTheServicesResponseThroughResultSelectorAndResultPathAndOtherStatesRunForReal()
            throws Exception {
        StateMachineRuntime runtime = deploy("""
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "direct:work",
                           "ResultSelector": {"body.$": "$.Payload.body"}, "ResultPath": "$.work", "Next": "Other"},
                  "Other": {"Type": "Task", "Resource": "direct:other", "ResultPath": "$.other", "End": true}}}""");
        ExecutionResult result = run(runtime, "{\"id\": 7}", "Happy");
        assertTrue(result.succeeded(), result.toString());
        assertEquals(json("{\"id\": 7, \"work\": {\"body\": \"mocked\"}, \"other\": {\"other\": \"real\"}}"),
                result.output());
        assertEquals(0, calls.get("direct:work").get(), "the mocked Task did not call its endpoint");
        assertEquals(1, calls.get("direct:other").get(), "the Task the test case does not name ran for real");
        // the mocked Task's events are a real call's, naming its resource
        List<JsonNode> work = result.history().stream()
                .filter(e -> e.get("type").asText().matches("Task(Scheduled|Started|Succeeded)")).limit(3).toList();
        assertEquals(List.of("TaskScheduled", "TaskStarted", "TaskSucceeded"),
                work.stream().map(e -> e.get("type").asText()).toList());
        assertEquals("direct:work", work.get(1).at("/taskStartedEventDetails/resource").asText());
        assertEquals("{\"StatusCode\":200,\"Payload\":{\"body\":\"mocked\"}}",
                work.get(2).at("/taskSucceededEventDetails/output").asText());
        assertEquals("Happy", result.history().get(0).at("/executionStartedEventDetails/mockTestCase").asText());

        ExecutionResult unmocked = runtime.start(json("{}"), null, Map.of(), List.of()).get(30, TimeUnit.SECONDS);
        assertEquals(json("{\"body\": \"real\"}"), unmocked.output().get("work"));
        assertEquals(1, calls.get("direct:work").get(), "without a test case the Task calls its endpoint");
        assertTrue(unmocked.history().get(0).at("/executionStartedEventDetails/mockTestCase").isMissingNode());
    }

    @Test
    void anExpressExecutionRunsItsMocksOnTheCallersThread() throws Exception {
        StateMachineRuntime runtime = deployer().deploy("test", """
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "direct:work", "Next": "Other",
                           "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 3}]},
                  "Other": {"Type": "Task", "Resource": "direct:other", "End": true}}}""",
                StateMachineConfig.of("test").withType("EXPRESS"));
        ExecutionResult result = run(runtime, "{}", "Both");
        assertTrue(result.succeeded(), result.toString());
        assertEquals(json("{\"StatusCode\": 200, \"Payload\": {\"body\": \"mocked\"}}"), result.output());
    }

    @Test
    void aMockedThrowIsCaughtByRetryAndTheNextInvocationReturns() throws Exception {
        StateMachineRuntime runtime = deploy("""
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "direct:work", "OutputPath": "$.Payload",
                           "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 1,
                                      "MaxAttempts": 2}],
                           "End": true}}}""");
        ExecutionResult result = run(runtime, "{}", "Flaky");
        assertTrue(result.succeeded(), result.toString());
        assertEquals(json("{\"body\": \"second\"}"), result.output());
        assertEquals(List.of("TaskScheduled", "TaskStarted", "TaskFailed", "TaskScheduled", "TaskStarted",
                "TaskSucceeded"), types(result).stream().filter(t -> t.startsWith("Task") && !t.startsWith("TaskState"))
                .toList());
        JsonNode failed = result.history().stream().filter(e -> e.get("type").asText().equals("TaskFailed"))
                .findFirst().orElseThrow().get("taskFailedEventDetails");
        assertEquals("Lambda.TooManyRequestsException", failed.get("error").asText());
        assertEquals("slow down", failed.get("cause").asText());
        assertEquals("direct:work", failed.get("resource").asText());
        assertEquals(0, calls.get("direct:work").get());
    }

    @Test
    void aMockedThrowGoesToCatch() throws Exception {
        StateMachineRuntime runtime = deploy("""
                {"StartAt": "Ask", "States": {
                  "Ask": {"Type": "Task", "Resource": "direct:ask.waitForTaskToken",
                          "Catch": [{"ErrorEquals": ["Denied"], "ResultPath": "$.denied", "Next": "No"}],
                          "End": true},
                  "No": {"Type": "Pass", "End": true}}}""");
        ExecutionResult result = run(runtime, "{}", "Denied");
        assertTrue(result.succeeded(), result.toString());
        assertEquals(json("{\"denied\": {\"Error\": \"Denied\", \"Cause\": \"no\"}}"), result.output());
        assertEquals(0, calls.get("direct:ask").get());
    }

    @Test
    void aMockedCallbackTaskAnswersAtOnceWithoutCallingOrWaiting() throws Exception {
        StateMachineRuntime runtime = deploy("""
                {"StartAt": "Ask", "States": {
                  "Ask": {"Type": "Task", "Resource": "direct:ask.waitForTaskToken", "End": true}}}""");
        ExecutionResult result = run(runtime, "{}", "Ask");
        assertTrue(result.succeeded(), result.toString());
        assertEquals(json("{\"approved\": true}"), result.output());
        assertEquals(0, calls.get("direct:ask").get());
        assertEquals(List.of("TaskScheduled", "TaskStarted", "TaskSucceeded"), types(result).stream()
                .filter(t -> t.startsWith("Task") && !t.startsWith("TaskState")).toList());
    }

    /** A mocked result is no real one: a step-cached state neither reuses a recorded result nor records the mock. */
    @Test
    void aStepCachedStateTakesTheMockAndCachesNothing() throws Exception {
        StateMachineRuntime runtime = deployer().deploy("test", """
                {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "direct:work", "End": true}}}""",
                StateMachineConfig.of("test"), java.util.Set.of("Work"));
        assertEquals(json("{\"Payload\": {\"body\": \"real\"}}"),
                runtime.start(json("{}"), null, Map.of(), List.of()).get(30, TimeUnit.SECONDS).output());
        assertEquals(1, calls.get("direct:work").get());
        assertEquals(json("{\"StatusCode\": 200, \"Payload\": {\"body\": \"mocked\"}}"),
                run(runtime, "{}", "Happy").output(), "the mock, not the recorded result");
        assertEquals(json("{\"Payload\": {\"body\": \"real\"}}"),
                runtime.start(json("{}"), null, Map.of(), List.of()).get(30, TimeUnit.SECONDS).output(),
                "the recorded real result, not the mock");
        assertEquals(1, calls.get("direct:work").get());
    }

    /** Waiting out of memory, it would be read back from the store without its mocks: it waits in memory. */
    @Test
    void aMockedExecutionWaitsInMemory() throws Exception {
        StateMachineRuntime runtime = deploy("""
                {"StartAt": "Pause", "States": {
                  "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Work"},
                  "Work": {"Type": "Task", "Resource": "direct:work", "End": true}}}""");
        runtime.parkInMemorySeconds(0); // any wait would leave memory
        ExecutionResult result = run(runtime, "{}", "Happy");
        assertTrue(result.succeeded(), result.toString());
        assertEquals(json("{\"StatusCode\": 200, \"Payload\": {\"body\": \"mocked\"}}"), result.output());
        assertEquals(0, calls.get("direct:work").get());
    }

    @Test
    void mapIterationsCountAsInvocationsOfTheState() throws Exception {
        StateMachineRuntime runtime = deploy("""
                {"StartAt": "Each", "States": {
                  "Each": {"Type": "Map", "MaxConcurrency": 1, "End": true,
                           "ItemProcessor": {"StartAt": "Work", "States": {
                             "Work": {"Type": "Task", "Resource": "direct:work", "End": true}}}}}}""");
        ExecutionResult result = run(runtime, "[\"a\", \"b\", \"c\", \"d\"]", "Items");
        assertTrue(result.succeeded(), result.toString());
        assertEquals(json("[{\"n\": 0}, {\"n\": \"1 or 2\"}, {\"n\": \"1 or 2\"}, {\"n\": 3}]"), result.output());
        assertEquals(0, calls.get("direct:work").get());
    }

    /** AWS: "If you do not specify a mocked response, the state machine execution will fail", whatever its Catch. */
    @Test
    void anInvocationPastTheLastMockedResponseFailsTheExecution() throws Exception {
        StateMachineRuntime runtime = deploy("""
                {"StartAt": "Each", "States": {
                  "Each": {"Type": "Map", "MaxConcurrency": 1, "Next": "Done",
                           "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}],
                           "ItemProcessor": {"StartAt": "Work", "States": {
                             "Work": {"Type": "Task", "Resource": "direct:work", "End": true}}}},
                  "Done": {"Type": "Succeed"}}}""");
        ExecutionResult result = run(runtime, "[1, 2]", "Short");
        assertEquals(ExecutionStatus.FAILED, result.status(), result.toString());
        assertEquals(ErrorNames.RUNTIME, result.error());
        assertTrue(result.cause().contains("State 'Work' was invoked 2 times, and mocked response 'Payload' of test "
                + "case 'Short' answers 1"), result.cause());
        assertEquals(0, calls.get("direct:work").get());
    }

    /**
     * The mocks live in memory: an execution stored RUNNING is not resumed without them (its Tasks would call their
     * real endpoints) but ends FAILED saying why, and one that ended is not redriven.
     */
    @Test
    void aStoredMockedExecutionIsNeitherResumedNorRedrivenWithoutItsMocks() throws Exception {
        String definition = """
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "direct:work", "Next": "Pause"},
                  "Pause": {"Type": "Wait", "Seconds": 600, "End": true}}}""";
        StateMachineRuntime runtime = deploy(definition);
        StateMachineRuntime.Started started = runtime.begin(json("{}"), "waits", Map.of(), List.of(), true,
                mocks("Happy"));
        for (int i = 0; i < 400 && store.events(started.executionArn()).stream()
                .noneMatch(e -> e.get("type").asText().equals("WaitStateEntered")); i++) {
            Thread.sleep(10);
        }
        ExecutionRecord record = store.find(started.executionArn()).orElseThrow();
        assertEquals(ExecutionStatus.RUNNING, record.status());

        // as after a restart: another runtime of the same definition resumes it from the store
        ExecutionResult result = deploy(definition).resume(record, List.of()).get(30, TimeUnit.SECONDS);
        assertEquals(ExecutionStatus.FAILED, result.status());
        assertEquals(ErrorNames.RUNTIME, result.error());
        assertTrue(result.cause().contains("it ran mock test case 'Happy'"), result.cause());
        assertEquals(0, calls.get("direct:work").get(), "the mocked Task was not called for real");

        AslError refused = assertThrows(AslError.class, () -> runtime.redrive(started.executionArn(), List.of()));
        assertEquals("ExecutionNotRedrivable", refused.error());
        assertTrue(refused.cause().contains("ran mock test case 'Happy'"), refused.cause());
    }
}
