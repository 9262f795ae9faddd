package io.github.camelasl.test;

import static io.github.camelasl.test.AslAssertions.assertThat;
import static io.github.camelasl.test.AslAssertions.assertThatThrownBy;

import io.github.camelasl.mock.MockConfig;
import io.github.camelasl.mock.MockConfigException;
import io.github.camelasl.resource.ResourceMapping;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AWS's published Step Functions Local example (LambdaSQSIntegration and its MockConfigFile.json, unchanged) run
 * with the kit: HappyPath, RetryPath (three retries, 2 + 4 + 8 s of back-off on the virtual clock) and HybridPath
 * (its SQSState runs for real, here a local route).
 */
class MockConfigFileTest {

    private static final String HELLO = "{\"StatusCode\": 200, \"Payload\": {\"StatusCode\": 200, "
            + "\"body\": \"Hello from Lambda!\"}}";

    private AslTestKit kit;
    private StateMachineUnderTest machine;
    private final List<String> sent = new CopyOnWriteArrayList<>();

    @BeforeEach
    void deploy() throws Exception {
        kit = AslTestKit.create();
        // what HybridPath's unmocked SQSState really calls
        kit.camelContext().getRegistry().bind("sqs", ResourceMapping.builder()
                .map("arn:aws:states:::sqs:sendMessage", "direct:sqs").build());
        kit.camelContext().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:sqs").process(e -> {
                    sent.add(e.getMessage().getBody(String.class));
                    e.getMessage().setBody("{\"MessageId\": \"sent-for-real\"}");
                });
            }
        });
        machine = kit.deploy("LambdaSQSIntegration", "classpath:mock/LambdaSQSIntegration.asl.json")
                .mockConfig(mockConfigFile());
    }

    @AfterEach
    void close() {
        kit.close();
    }

    private static Path mockConfigFile() throws Exception {
        return Path.of(MockConfigFileTest.class.getResource("/mock/MockConfigFile.json").toURI());
    }

    @Test
    void happyPath() {
        ExecutionRun run = machine.testCase("HappyPath").run("{}");

        assertThat(run).succeeded().tookPath("LambdaState", "SQSState")
                .hasOutput("{\"MD5OfMessageBody\": \"3bcb6e8e-7h85-4375-b0bc-1a59812c6e51\", "
                        + "\"MessageId\": \"3bcb6e8e-8b51-4375-b0bc-1a59812c6e51\"}")
                .state("SQSState").hasInput(HELLO);
        assertThat(sent).isEmpty();
    }

    @Test
    void retryPathRetriesThreeTimesOnTheVirtualClock() {
        Instant before = kit.clock().now();

        ExecutionRun run = machine.testCase("RetryPath").run("{}");

        assertThat(run).succeeded().state("LambdaState").wasEntered(1).wasRetried(3).hasOutput(HELLO);
        assertThat(run).hasEvent("TaskFailed");
        // the back-offs (2, 4, 8 s) passed on the virtual clock
        assertThat(Duration.between(before, kit.clock().now()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(14));
    }

    @Test
    void hybridPathMocksLambdaStateAndRunsSqsStateForReal() {
        ExecutionRun run = machine.testCase("HybridPath").run("{}");

        assertThat(run).succeeded().hasOutput("{\"MessageId\": \"sent-for-real\"}");
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).contains("Hello from Lambda!");
    }

    @Test
    void theTestCaseIsRecordedInExecutionStarted() {
        ExecutionRun run = machine.testCase("HappyPath").run("{}");

        assertThat(run.history().get(0).path("executionStartedEventDetails")
                .path("mockTestCase").asText()).isEqualTo("HappyPath");
    }

    @Test
    void anUnknownTestCaseNamesTheOnesThereAre() {
        assertThatThrownBy(() -> machine.testCase("SadPath")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/StateMachines/LambdaSQSIntegration/TestCases/SadPath")
                .hasMessageContaining("HappyPath");
    }

    @Test
    void aTestCaseMockingAStateTheDefinitionLacksIsRefusedAtItsPointer() {
        MockConfig config = MockConfig.parse("inline", "{\"StateMachines\": {\"LambdaSQSIntegration\": "
                + "{\"TestCases\": {\"Typo\": {\"LambdaStat\": \"Ok\"}}}}, \"MockedResponses\": "
                + "{\"Ok\": {\"0\": {\"Return\": {}}}}}");

        assertThatThrownBy(() -> machine.mockConfig(config).testCase("Typo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/StateMachines/LambdaSQSIntegration/TestCases/Typo/LambdaStat")
                .hasMessageContaining("no state 'LambdaStat'");
    }

    @Test
    void aBrokenMockConfigNamesTheProblemsPointer() {
        assertThatThrownBy(() -> machine.mockConfig(MockConfig.parse("inline", "{\"StateMachines\": {}, "
                + "\"MockedResponses\": {\"R\": {\"1\": {\"Return\": {}}}}}")))
                .isInstanceOf(MockConfigException.class).hasMessageContaining("/MockedResponses/R/1");
    }

    @Test
    void aStateMockOverridesTheTestCase() {
        machine.testCase("HappyPath").mock("SQSState").thenReturn("{\"MessageId\": \"from-java\"}");

        assertThat(machine.run("{}")).succeeded().hasOutput("{\"MessageId\": \"from-java\"}");
    }
}
