package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.dataflow.Json;
import io.github.camelasl.mock.MockConfig;
import io.github.camelasl.resource.ResourceMapping;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/**
 * Test suites written for Step Functions Local run unchanged: AWS's own example from its developer guide ("Using
 * mocked service integrations for testing in Step Functions Local": the LambdaSQSIntegration state machine and its
 * MockConfigFile.json, in this module's test resources as the guide prints them), started through the SDK with the
 * {@code #TestCase} suffix on the state machine ARN.
 */
class MockedServiceIntegrationsTest {

    private static final String ROLE = StateMachineActionsTest.ROLE;
    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:LambdaSQSIntegration";

    private final AtomicInteger lambdaCalls = new AtomicInteger();
    private final BlockingQueue<String> sentMessages = new LinkedBlockingQueue<>();
    private ServerFixture fixture;
    private SfnClient sfn;

    @BeforeEach
    void start() throws Exception {
        start(MockConfig.load(resource("MockConfigFile.json")));
    }

    /** The guide's Resources, run by local routes: what HybridPath's unmocked SQSState really calls. */
    private void start(MockConfig mocks) throws Exception {
        fixture = ServerFixture.withMocks(mocks, ResourceMapping.builder()
                .map("arn:aws:states:::lambda:invoke", "direct:lambda")
                .map("arn:aws:states:::sqs:sendMessage", "direct:sqs").build(), new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:lambda").process(e -> {
                            lambdaCalls.incrementAndGet();
                            e.getMessage().setBody("{\"StatusCode\": 200, \"Payload\": \"real\"}");
                        });
                        from("direct:sqs").process(e -> {
                            sentMessages.add(e.getMessage().getBody(String.class));
                            e.getMessage().setBody("{\"MessageId\": \"sent-for-real\"}");
                        });
                    }
                });
        sfn = fixture.sfn;
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private static Path resource(String name) throws Exception {
        return Path.of(MockedServiceIntegrationsTest.class.getResource("/mock/" + name).toURI());
    }

    /**
     * The guide's definition. Its LambdaState retries after 2, 4 and 8 seconds; RetryPath runs them all, so the
     * test waits 1 second each instead (a virtual clock would let it run unchanged).
     */
    private void createLambdaSqsIntegration(StateMachineType type) throws Exception {
        String definition = java.nio.file.Files.readString(resource("LambdaSQSIntegration.asl.json"),
                StandardCharsets.UTF_8);
        String faster = definition.replace("\"IntervalSeconds\":2", "\"IntervalSeconds\":1")
                .replace("\"BackoffRate\":2", "\"BackoffRate\":1");
        assertTrue(!faster.equals(definition));
        String arn = sfn.createStateMachine(r -> r.name("LambdaSQSIntegration").definition(faster).roleArn(ROLE)
                .type(type)).stateMachineArn();
        assertEquals(MACHINE, arn);
    }

    private DescribeExecutionResponse finished(String executionArn) throws InterruptedException {
        DescribeExecutionResponse described = sfn.describeExecution(r -> r.executionArn(executionArn));
        for (int i = 0; i < 400 && described.status() == ExecutionStatus.RUNNING; i++) {
            Thread.sleep(25);
            described = sfn.describeExecution(r -> r.executionArn(executionArn));
        }
        return described;
    }

    private List<HistoryEvent> history(String executionArn) {
        return sfn.getExecutionHistory(r -> r.executionArn(executionArn).maxResults(1000)).events();
    }

    @Test
    void happyPathRunsOnTheMockedResponsesAsTheGuideShows() throws Exception {
        createLambdaSqsIntegration(StateMachineType.STANDARD);
        StartExecutionResponse started = sfn.startExecution(r -> r.stateMachineArn(MACHINE + "#HappyPath")
                .name("executionWithHappyPathMockedServices"));
        // the guide's response: the execution is the state machine's, with no trace of the test case in its ARN
        assertEquals("arn:aws:states:us-east-1:123456789012:execution:LambdaSQSIntegration:"
                + "executionWithHappyPathMockedServices", started.executionArn());
        DescribeExecutionResponse described = finished(started.executionArn());
        assertEquals(ExecutionStatus.SUCCEEDED, described.status(), described.toString());
        assertEquals(MACHINE, described.stateMachineArn());
        assertEquals(Json.parse("{\"MD5OfMessageBody\":\"3bcb6e8e-7h85-4375-b0bc-1a59812c6e51\","
                + "\"MessageId\":\"3bcb6e8e-8b51-4375-b0bc-1a59812c6e51\"}"), Json.parse(described.output()));

        List<HistoryEvent> events = history(started.executionArn());
        String lambdaOutput = "{\"StatusCode\":200,\"Payload\":{\"StatusCode\":200,\"body\":\"Hello from Lambda!\"}}";
        List<HistoryEvent> succeeded = events.stream().filter(e -> e.type() == HistoryEventType.TASK_SUCCEEDED)
                .toList();
        assertEquals(2, succeeded.size());
        assertEquals("lambda", succeeded.get(0).taskSucceededEventDetails().resourceType());
        assertEquals("invoke", succeeded.get(0).taskSucceededEventDetails().resource());
        assertEquals(Json.parse(lambdaOutput), Json.parse(succeeded.get(0).taskSucceededEventDetails().output()));
        assertEquals("sqs", succeeded.get(1).taskSucceededEventDetails().resourceType());
        assertEquals("sendMessage", succeeded.get(1).taskSucceededEventDetails().resource());
        // LambdaState's mocked output is SQSState's input, as a real response would be
        HistoryEvent sqsEntered = events.stream().filter(e -> e.type() == HistoryEventType.TASK_STATE_ENTERED)
                .filter(e -> e.stateEnteredEventDetails().name().equals("SQSState")).findFirst().orElseThrow();
        assertEquals(Json.parse(lambdaOutput), Json.parse(sqsEntered.stateEnteredEventDetails().input()));
        assertEquals(0, lambdaCalls.get());
        assertTrue(sentMessages.isEmpty());
    }

    /** CamelAsl.RestartExecution would start it without its mocks: its Tasks would call their real endpoints. */
    @Test
    void aMockedExecutionIsNotRestartedWithoutItsMocks() throws Exception {
        createLambdaSqsIntegration(StateMachineType.STANDARD);
        String arn = sfn.startExecution(r -> r.stateMachineArn(MACHINE + "#HappyPath")).executionArn();
        assertEquals(ExecutionStatus.SUCCEEDED, finished(arn).status());

        java.net.http.HttpResponse<String> restarted = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(fixture.server.url() + "/"))
                        .header("Content-Type", StepFunctionsApi.CONTENT_TYPE)
                        .header("X-Amz-Target", "CamelAsl.RestartExecution")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Json.write(Json.NODES.objectNode()
                                .put("executionArn", arn).put("stateName", "LambdaState"))))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(400, restarted.statusCode(), restarted.body());
        assertEquals("ValidationException", Json.parse(restarted.body()).get("__type").asText());
        assertTrue(restarted.body().contains("mock test case 'HappyPath'"), restarted.body());
        assertEquals(1, sfn.listExecutions(r -> r.stateMachineArn(MACHINE)).executions().size());
        assertEquals(0, lambdaCalls.get());
        assertTrue(sentMessages.isEmpty());
    }

    @Test
    void retryPathFailsThreeTimesThenSucceedsOnTheFourthInvocation() throws Exception {
        createLambdaSqsIntegration(StateMachineType.STANDARD);
        String arn = sfn.startExecution(r -> r.stateMachineArn(MACHINE + "#RetryPath")).executionArn();
        DescribeExecutionResponse described = finished(arn);
        assertEquals(ExecutionStatus.SUCCEEDED, described.status(), described.toString());
        List<HistoryEvent> events = history(arn);
        assertEquals(List.of("Lambda.ResourceNotReadyException", "Lambda.TimeoutException", "Lambda.TimeoutException"),
                events.stream().filter(e -> e.type() == HistoryEventType.TASK_FAILED)
                        .map(e -> e.taskFailedEventDetails().error()).toList());
        assertEquals(List.of("lambda"), events.stream().filter(e -> e.type() == HistoryEventType.TASK_FAILED)
                .map(e -> e.taskFailedEventDetails().resourceType()).distinct().toList());
        assertEquals(4, events.stream().filter(e -> e.type() == HistoryEventType.TASK_SCHEDULED)
                .filter(e -> e.taskScheduledEventDetails().resourceType().equals("lambda")).count());
        assertEquals(0, lambdaCalls.get());
    }

    @Test
    void hybridPathMocksLambdaStateAndCallsSqsStateForReal() throws Exception {
        createLambdaSqsIntegration(StateMachineType.STANDARD);
        String arn = sfn.startExecution(r -> r.stateMachineArn(MACHINE + "#HybridPath")).executionArn();
        DescribeExecutionResponse described = finished(arn);
        assertEquals(ExecutionStatus.SUCCEEDED, described.status(), described.toString());
        assertEquals(Json.parse("{\"MessageId\": \"sent-for-real\"}"), Json.parse(described.output()));
        assertEquals(0, lambdaCalls.get());
        String sent = sentMessages.poll();
        assertEquals(Json.parse("{\"StatusCode\":200,\"Payload\":{\"StatusCode\":200,"
                + "\"body\":\"Hello from Lambda!\"}}"),
                Json.parse(sent).get("MessageBody"));
    }

    @Test
    void withoutATestCaseEveryTaskRunsForReal() throws Exception {
        createLambdaSqsIntegration(StateMachineType.STANDARD);
        String arn = sfn.startExecution(r -> r.stateMachineArn(MACHINE)).executionArn();
        assertEquals(ExecutionStatus.SUCCEEDED, finished(arn).status());
        assertEquals(1, lambdaCalls.get());
        assertEquals(1, sentMessages.size());
    }

    @Test
    void startSyncExecutionRunsATestCaseToo() throws Exception {
        createLambdaSqsIntegration(StateMachineType.EXPRESS);
        StartSyncExecutionResponse result = sfn.startSyncExecution(r -> r.stateMachineArn(MACHINE + "#HappyPath")
                .name("sync"));
        assertEquals(SyncExecutionStatus.SUCCEEDED, result.status(), result.toString());
        assertEquals(MACHINE, result.stateMachineArn());
        assertTrue(result.executionArn().startsWith("arn:aws:states:us-east-1:123456789012:express:"
                + "LambdaSQSIntegration:sync:"), result.executionArn());
        assertEquals(Json.parse("{\"MD5OfMessageBody\":\"3bcb6e8e-7h85-4375-b0bc-1a59812c6e51\","
                + "\"MessageId\":\"3bcb6e8e-8b51-4375-b0bc-1a59812c6e51\"}"), Json.parse(result.output()));
        assertEquals(0, lambdaCalls.get());
        assertTrue(sentMessages.isEmpty());

        StartSyncExecutionResponse real = sfn.startSyncExecution(r -> r.stateMachineArn(MACHINE));
        assertEquals(SyncExecutionStatus.SUCCEEDED, real.status(), real.toString());
        assertEquals(Json.parse("{\"MessageId\": \"sent-for-real\"}"), Json.parse(real.output()));
        assertEquals(1, lambdaCalls.get());
    }

    /** LocalStack's answer (Step Functions Local does not document its own): InvalidName, saying what is missing. */
    @Test
    void anUnknownTestCaseOrStateMachineIsInvalidName() throws Exception {
        createLambdaSqsIntegration(StateMachineType.STANDARD);
        InvalidNameException unknownCase = assertThrows(InvalidNameException.class,
                () -> sfn.startExecution(r -> r.stateMachineArn(MACHINE + "#SadPath")));
        assertEquals("Invalid mock test case name 'SadPath' for state machine 'LambdaSQSIntegration': the mock "
                + "configuration has no test case 'SadPath' in its TestCases", unknownCase.awsErrorDetails()
                .errorMessage());
        String other = sfn.createStateMachine(r -> r.name("Other").roleArn(ROLE).definition("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""")).stateMachineArn();
        InvalidNameException unknownMachine = assertThrows(InvalidNameException.class,
                () -> sfn.startExecution(r -> r.stateMachineArn(other + "#HappyPath")));
        assertEquals("Invalid mock test case name 'HappyPath' for state machine 'Other': the mock configuration has "
                + "no state machine 'Other' in StateMachines", unknownMachine.awsErrorDetails().errorMessage());
        assertThrows(InvalidArnException.class, () -> sfn.startExecution(r -> r.stateMachineArn(MACHINE + "#")));
        assertThrows(InvalidArnException.class, () -> sfn.startExecution(r -> r.stateMachineArn(MACHINE + "#a#b")));
        assertThrows(StateMachineDoesNotExistException.class, () -> sfn.startExecution(r -> r.stateMachineArn(
                "arn:aws:states:us-east-1:123456789012:stateMachine:Missing#HappyPath")));
        assertEquals(0, sfn.listExecutions(r -> r.stateMachineArn(MACHINE)).executions().size(),
                "nothing was started");
    }

    @Test
    void aTestCaseWithoutAMockConfigurationIsInvalidName() throws Exception {
        fixture.close();
        start(null);
        createLambdaSqsIntegration(StateMachineType.STANDARD);
        InvalidNameException e = assertThrows(InvalidNameException.class,
                () -> sfn.startExecution(r -> r.stateMachineArn(MACHINE + "#HappyPath")));
        assertEquals("Invalid mock test case name 'HappyPath' for state machine 'LambdaSQSIntegration': no mock "
                + "configuration was given to the server (SFN_MOCK_CONFIG, or asl serve --mock-config)",
                e.awsErrorDetails().errorMessage());
    }
}
