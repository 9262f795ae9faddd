package io.github.camelasl.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.dataflow.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Step Functions Local's MockConfigFile format: AWS's own example reads, and every problem names its place. */
class MockConfigTest {

    @TempDir
    Path dir;

    /** The example of AWS's developer guide ("Configuration file for mocked service integrations"), unchanged. */
    @Test
    void awsExampleReads() throws Exception {
        MockConfig config = MockConfig.load(Path.of(getClass().getResource("/mock/MockConfigFile.json").toURI()));
        assertEquals(Map.of("LambdaSQSIntegration", Set.of("HappyPath", "RetryPath", "HybridPath")),
                config.testCaseNames());
        MockTestCase retry = config.testCase("LambdaSQSIntegration", "RetryPath").orElseThrow();
        assertEquals(Set.of("LambdaState", "SQSState"), retry.stateNames());
        MockedResponses lambda = retry.responses("LambdaState");
        assertEquals("MockedLambdaRetry", lambda.name());
        assertEquals(4, lambda.invocations());
        assertEquals(new MockedResponse.Throw("Lambda.ResourceNotReadyException", "Lambda resource is not ready."),
                lambda.forInvocation(0));
        assertEquals(new MockedResponse.Throw("Lambda.TimeoutException", "Lambda timed out."), lambda.forInvocation(1));
        assertEquals(lambda.forInvocation(1), lambda.forInvocation(2));
        assertEquals(Json.parse("{\"StatusCode\":200,\"Payload\":{\"StatusCode\":200,"
                + "\"body\":\"Hello from Lambda!\"}}"),
                assertInstanceOf(MockedResponse.Return.class, lambda.forInvocation(3)).payload());
        assertNull(lambda.forInvocation(4));
        assertNull(config.testCase("LambdaSQSIntegration", "HybridPath").orElseThrow().responses("SQSState"),
                "a state the test case does not name runs for real");
        assertTrue(config.testCase("LambdaSQSIntegration", "SadPath").isEmpty());
        assertTrue(config.testCase("Other", "HappyPath").isEmpty());
    }

    @Test
    void eachExecutionCountsItsOwnInvocations() throws Exception {
        MockTestCase happy = MockConfig.load(Path.of(getClass().getResource("/mock/MockConfigFile.json").toURI()))
                .testCase("LambdaSQSIntegration", "HappyPath").orElseThrow();
        MockedExecution first = happy.newExecution();
        assertInstanceOf(MockedResponse.Return.class, first.next("LambdaState"));
        MockedExecution.NoMockedResponseException past = assertThrows(MockedExecution.NoMockedResponseException.class,
                () -> first.next("LambdaState"));
        assertEquals("State 'LambdaState' was invoked 2 times, and mocked response 'MockedLambdaSuccess' of test case "
                + "'HappyPath' answers 1 (invocations 0 to 0)", past.getMessage());
        assertInstanceOf(MockedResponse.Return.class, happy.newExecution().next("LambdaState"));
        assertTrue(first.mocks("SQSState"));
        assertTrue(!first.mocks("Other"));
    }

    private static List<String> problems(String json) {
        return assertThrows(MockConfigException.class, () -> MockConfig.parse("inline", json)).problems();
    }

    @Test
    void rangesThatOverlapLeaveAGapOrDoNotStartAtZeroAreErrorsAtTheirKey() {
        assertEquals(List.of("/MockedResponses/MockedLambdaSuccess/1-2: ranges overlap: invocation 1 has a "
                + "response already"), problems("""
                {"StateMachines": {}, "MockedResponses": {"MockedLambdaSuccess": {
                   "0-1": {"Return": 1}, "1-2": {"Return": 2}}}}"""));
        assertEquals(List.of("/MockedResponses/R/3: no response for invocations 1-2: the keys must number every "
                + "invocation from 0, without gaps"), problems("""
                {"StateMachines": {}, "MockedResponses": {"R": {"0": {"Return": 1}, "3": {"Return": 2}}}}"""));
        assertEquals(List.of("/MockedResponses/R/1: no response for invocation 0: the keys must number every "
                + "invocation from 0, without gaps"), problems("""
                {"StateMachines": {}, "MockedResponses": {"R": {"1": {"Return": 1}}}}"""));
        assertEquals(List.of("/MockedResponses/R/2-1: the range ends before it starts",
                "/MockedResponses/R/one: must be an invocation number (\"0\") or an inclusive range of them (\"1-2\")",
                "/MockedResponses/R/-1: must be an invocation number (\"0\") or an inclusive range of them (\"1-2\")",
                "/MockedResponses/R/9999999999: must be an invocation number (\"0\") or an inclusive range of them "
                        + "(\"1-2\")"), problems("""
                {"StateMachines": {}, "MockedResponses": {"R": {"2-1": {"Return": 1}, "one": {"Return": 1},
                   "-1": {"Return": 1}, "9999999999": {"Return": 1}}}}"""));
    }

    @Test
    void aResponseNeedsExactlyOneOfReturnAndThrowAndThrowNeedsErrorAndCauseStrings() {
        assertEquals(List.of(
                "/MockedResponses/A/0: must have exactly one of Return and Throw",
                "/MockedResponses/B/0: must have exactly one of Return and Throw",
                "/MockedResponses/C/0/Throw/Cause: is missing",
                "/MockedResponses/D/0/Throw/Error: must be a string, but is number",
                "/MockedResponses/E/0/Throw: must be an object with Error and Cause, but is string",
                "/MockedResponses/F/0: must be an object with Return or Throw, but is array",
                "/MockedResponses/G: must be an object of invocation numbers (\"0\", \"1-2\") to responses, with "
                        + "at least one, but is empty",
                "/MockedResponses/H/0/Retrun: unknown member; expected Return or Throw",
                "/MockedResponses/H/0: must have exactly one of Return and Throw"), problems("""
                {"StateMachines": {}, "MockedResponses": {
                   "A": {"0": {}},
                   "B": {"0": {"Return": 1, "Throw": {"Error": "E", "Cause": "C"}}},
                   "C": {"0": {"Throw": {"Error": "E"}}},
                   "D": {"0": {"Throw": {"Error": 1, "Cause": "C"}}},
                   "E": {"0": {"Throw": "E"}},
                   "F": {"0": []},
                   "G": {},
                   "H": {"0": {"Retrun": 1}}}}"""));
    }

    @Test
    void aTestCaseNamingAMockedResponseThatDoesNotExistIsAnErrorAtTheState() {
        assertEquals(List.of("/StateMachines/M/TestCases/HappyPath/LambdaState: no mocked response named "
                + "'MockedLambdaSucess' in /MockedResponses"), problems("""
                {"StateMachines": {"M": {"TestCases": {"HappyPath": {"LambdaState": "MockedLambdaSucess"}}}},
                 "MockedResponses": {"MockedLambdaSuccess": {"0": {"Return": {}}}}}"""));
    }

    @Test
    void theStructureIsCheckedMemberByMember() {
        assertEquals(List.of("/: must be an object with StateMachines and MockedResponses, but is array"),
                problems("[]"));
        assertEquals(List.of("/MockedResponse: unknown member; expected StateMachines or MockedResponses",
                "/MockedResponses: is missing"), problems("""
                {"StateMachines": {}, "MockedResponse": {}}"""));
        assertEquals(List.of("/MockedResponses: must be an object, but is array", "/StateMachines: is missing"),
                problems("{\"MockedResponses\": []}"));
        assertEquals(List.of("/StateMachines/M/TestCase: unknown member; expected TestCases",
                "/StateMachines/M/TestCases: is missing",
                "/StateMachines/N: must be an object with TestCases, but is string",
                "/StateMachines/O/TestCases/T: must be an object of state name to mocked response name, but is array",
                "/StateMachines/O/TestCases/U/S: must be the name of a mocked response, but is number",
                "/StateMachines/a~1b~0c: must be an object with TestCases, but is null"), problems("""
                {"MockedResponses": {},
                 "StateMachines": {"M": {"TestCase": {}}, "N": "x",
                                   "O": {"TestCases": {"T": [], "U": {"S": 1}}}, "a/b~c": null}}"""));
    }

    @Test
    void malformedJsonAndDuplicateMembersAreErrors() {
        List<String> malformed = problems("{\"StateMachines\": ");
        assertEquals(1, malformed.size());
        assertTrue(malformed.get(0).startsWith("/: not valid JSON: "), malformed.get(0));
        List<String> duplicate = problems("""
                {"StateMachines": {}, "MockedResponses": {"R": {"0": {"Return": 1}, "0": {"Return": 2}}}}""");
        assertTrue(duplicate.get(0).startsWith("/: not valid JSON: Duplicate field '0'"), duplicate.get(0));
    }

    @Test
    void aFileNamesItselfInItsErrors() throws Exception {
        Path file = Files.writeString(dir.resolve("MockConfigFile.json"), "{\"StateMachines\": {}}");
        MockConfigException e = assertThrows(MockConfigException.class, () -> MockConfig.load(file));
        assertEquals("Mock configuration " + file + " cannot be used: /MockedResponses: is missing", e.getMessage());
        MockConfigException missing = assertThrows(MockConfigException.class,
                () -> MockConfig.load(dir.resolve("absent.json")));
        assertTrue(missing.getMessage().contains("cannot read it: java.nio.file.NoSuchFileException"),
                missing.getMessage());
    }
}
