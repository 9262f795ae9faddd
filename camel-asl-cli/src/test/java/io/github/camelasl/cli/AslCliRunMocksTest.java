package io.github.camelasl.cli;

import static io.github.camelasl.cli.CliRun.asl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code asl run} with mocks: a test case of AWS's Step Functions Local mock configuration (the developer guide's
 * LambdaSQSIntegration example, unchanged), per-state overrides, and {@code --offline}.
 */
class AslCliRunMocksTest {

    @TempDir
    Path tmp;

    @AfterEach
    void clear() {
        System.clearProperty("AWS_ENDPOINT_URL_LAMBDA");
        System.clearProperty("AWS_REGION");
    }

    static String mock(String name) {
        try {
            return Path.of(AslCliRunMocksTest.class.getResource("/mock/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static final String DEFINITION = mock("LambdaSQSIntegration.asl.json");
    static final String CONFIG = mock("MockConfigFile.json");

    @Test
    void happyPathAnswersFromTheMockedResponses() {
        CliRun.Result r = asl("run", DEFINITION, "--mock-config", CONFIG, "--test-case", "HappyPath", "--json");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("{\"MD5OfMessageBody\":\"3bcb6e8e-7h85-4375-b0bc-1a59812c6e51\","
                + "\"MessageId\":\"3bcb6e8e-8b51-4375-b0bc-1a59812c6e51\"}", r.json().path("output").toString());
        assertEquals("", r.err(), "every AWS Task is mocked: no endpoint notice");
    }

    @Test
    void hybridPathCallsTheUnmockedStateWhereTheResourceMapSendsIt() {
        CliRun.Result r = asl("run", DEFINITION, "--mock-config", CONFIG, "--test-case", "HybridPath", "--json",
                "--history", "--resource-map", mock("sqs-stand-in.resource-map.properties"), "--offline");
        assertEquals(0, r.code(), r.out() + r.err());
        // the log endpoint answers SQSState's request: the Lambda mock's answer is its MessageBody
        assertEquals("Hello from Lambda!", r.json().path("output").path("MessageBody").path("Payload")
                .path("body").asText(), r.out());
        assertEquals("HybridPath", r.json().path("history").path(0).path("executionStartedEventDetails")
                .path("mockTestCase").asText(), r.out());
    }

    @Test
    void theStateMachineEntryIsTheDefinitionsNameUnlessStateMachineNamesIt() throws Exception {
        Path renamed = tmp.resolve("renamed.asl.json");
        Files.copy(Path.of(DEFINITION), renamed);
        CliRun.Result r = asl("run", renamed.toString(), "--mock-config", CONFIG, "--test-case", "HappyPath");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("has no state machine 'renamed' in StateMachines (it has: "
                + "LambdaSQSIntegration); name the entry with --state-machine"), r.err());

        r = asl("run", renamed.toString(), "--mock-config", CONFIG, "--test-case", "HappyPath",
                "--state-machine", "LambdaSQSIntegration", "--json");
        assertEquals(0, r.code(), r.out() + r.err());
    }

    @Test
    void anUnknownTestCaseIsAUsageErrorListingTheOthers() {
        CliRun.Result r = asl("run", DEFINITION, "--mock-config", CONFIG, "--test-case", "SadPath");
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("asl: mock configuration " + CONFIG + " has no test case 'SadPath' for state machine "
                + "'LambdaSQSIntegration' (it has: HappyPath, RetryPath, HybridPath)", r.err().strip());
        assertEquals(2, asl("run", DEFINITION, "--mock-config", CONFIG).code(), "--mock-config needs --test-case");
        assertEquals(2, asl("run", DEFINITION, "--test-case", "HappyPath").code(), "--test-case needs a config");
    }

    @Test
    void aTestCaseMockingAStateTheDefinitionLacksNamesItsPlace() throws Exception {
        Path config = tmp.resolve("config.json");
        Files.writeString(config, Files.readString(Path.of(CONFIG)).replace("\"SQSState\":\"MockedSQSSuccess\"",
                "\"SqsState\":\"MockedSQSSuccess\""));
        CliRun.Result r = asl("run", DEFINITION, "--mock-config", config.toString(), "--test-case", "HappyPath");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("mock configuration " + config + ": /StateMachines/LambdaSQSIntegration/"
                + "TestCases/HappyPath/SqsState: the definition has no Task state named 'SqsState'"), r.err());
    }

    @Test
    void anInvalidMockConfigurationListsEveryProblemWithItsPlace() throws Exception {
        Path config = tmp.resolve("config.json");
        Files.writeString(config, Files.readString(Path.of(CONFIG)).replace("\"1-2\"", "\"2-3\""));
        CliRun.Result r = asl("run", DEFINITION, "--mock-config", config.toString(), "--test-case", "RetryPath");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("asl: invalid mock configuration " + config + ":"), r.err());
        assertTrue(r.err().contains("/MockedResponses/MockedLambdaRetry/2-3: no response for invocation 1"),
                r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void mockStateAndMockErrorOverrideTheTestCaseInOrderPerState() {
        // LambdaState fails once (its Retry takes it), then answers; SQSState answers the command line's result
        CliRun.Result r = asl("run", DEFINITION, "--mock-config", CONFIG, "--test-case", "HappyPath", "--json",
                "--history", "--mock-error", "LambdaState=Lambda.TooManyRequestsException:slow down",
                "--mock-state", "LambdaState={\"Payload\": 1}", "--mock-state", "SQSState={\"MessageId\": \"m-1\"}");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("{\"MessageId\":\"m-1\"}", r.json().path("output").toString());
        String history = r.json().path("history").toString();
        assertTrue(history.contains("\"cause\":\"slow down\",\"error\":\"Lambda.TooManyRequestsException\""),
                history);
    }

    @Test
    void overridesAloneMockWithoutAConfiguration() throws Exception {
        Path answer = tmp.resolve("answer.json");
        Files.writeString(answer, "{\"Payload\": {\"body\": \"from a file\"}}");
        CliRun.Result r = asl("run", DEFINITION, "--json", "--offline", "--mock-state", "LambdaState=@" + answer,
                "--mock-error", "SQSState=SQS.QueueDoesNotExist");
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals("FAILED", r.json().path("status").asText());
        assertEquals("SQS.QueueDoesNotExist", r.json().path("error").asText());
        assertEquals("", r.json().path("cause").asText(), "a --mock-error without a cause has an empty one");
    }

    @Test
    void anOverrideOfAStateThatIsNotATaskIsAUsageError() {
        CliRun.Result r = asl("run", DEFINITION, "--mock-state", "Nowhere={}");
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("asl: --mock-state Nowhere: the definition has no Task state named 'Nowhere'", r.err().strip());
        assertEquals(2, asl("run", DEFINITION, "--mock-error", "LambdaState").code());
        assertEquals(2, asl("run", DEFINITION, "--mock-state", "LambdaState={not json").code());
    }

    @Test
    void offlineRefusesEveryUnmockedAwsTaskBeforeTheRun() {
        CliRun.Result r = asl("run", DEFINITION, "--mock-config", CONFIG, "--test-case", "HybridPath", "--offline");
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("asl: --offline: a state would call AWS; mock them (--mock-config/--test-case, --mock-state, "
                + "--mock-error) or map them to endpoints that are not AWS (--resource-map):\n"
                + "  state 'SQSState': arn:aws:states:::sqs:sendMessage",
                r.err().strip());
        assertEquals("", r.out(), "nothing ran");

        r = asl("run", DEFINITION, "--offline");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("2 states would call AWS"), r.err());
        assertTrue(r.err().contains("state 'LambdaState': arn:aws:states:::lambda:invoke"), r.err());
    }

    @Test
    void beforeARunCallsAwsTheTraceSaysWhereOncePerService() {
        System.setProperty("AWS_REGION", "eu-west-1");
        System.setProperty("AWS_ENDPOINT_URL_LAMBDA", "http://127.0.0.1:9");
        // the Lambda call fails at once (nothing listens on port 9): what matters is what was said before it
        CliRun.Result r = asl("run", DEFINITION, "--mock-error", "SQSState=Mocked", "--mock-error",
                "LambdaState=States.Timeout", "--mock-state", "LambdaState={}");
        assertFalse(r.out().contains("AWS "), "all mocked: " + r.out());

        r = asl("run", DEFINITION, "--mock-state", "SQSState={}", "--mock-state", "LambdaState={}", "--json");
        assertEquals("", r.err());

        r = asl("run", DEFINITION, "--mock-state", "LambdaState={}", "--json");
        assertTrue(r.err().startsWith("AWS sqs: https://sqs.eu-west-1.amazonaws.com, region eu-west-1 (state "
                + "SQSState)"), r.err());
    }
}
