package io.github.camelasl.test;

import static io.github.camelasl.test.AslAssertions.assertThat;
import static io.github.camelasl.test.AslAssertions.assertThatThrownBy;

import io.github.camelasl.dataflow.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kit's executions run on its virtual clock: a day's Wait and exponential back-offs take no real time. */
class VirtualTimeKitTest {

    private static final String NIGHTLY = """
            {"StartAt": "Extract",
             "States": {
               "Extract": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                           "Parameters": {"FunctionName": "extract"}, "OutputPath": "$.Payload",
                           "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 60, "MaxAttempts": 3,
                                      "BackoffRate": 2}],
                           "Next": "WaitADay"},
               "WaitADay": {"Type": "Wait", "Seconds": 86400, "Next": "Stamp"},
               "Stamp": {"Type": "Pass", "Parameters": {"rows.$": "$.rows", "at.$": "$$.State.EnteredTime"},
                         "End": true}}}
            """;

    private AslTestKit kit;

    @BeforeEach
    void kit() {
        kit = AslTestKit.create();
    }

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void aDaysWaitAndThreeExponentialRetriesRunOnTheVirtualClock() {
        StateMachineUnderTest nightly = kit.deploy("Nightly", NIGHTLY);
        nightly.mock("Extract").thenThrow("States.TaskFailed", "flaky").thenThrow("States.TaskFailed", "flaky")
                .thenThrow("States.TaskFailed", "flaky").thenReturn("{\"Payload\": {\"rows\": 12}}");
        Instant start = kit.clock().now();

        ExecutionRun run = nightly.run("{}");

        // 60 + 120 + 240 s of back-off, then a day
        Instant stamped = start.plusSeconds(60 + 120 + 240 + 86_400);
        assertThat(run).succeeded().hasOutputAt("$.rows", 12).hasOutputAt("$.at", Json.NODES.textNode(
                stamped.toString())).state("Extract").wasRetried(3);
        assertThat(kit.clock().now()).isEqualTo(stamped);
    }

    @Test
    void startLeavesTimeToTheTest() {
        StateMachineUnderTest nightly = kit.deploy("Nightly", NIGHTLY);
        nightly.mock("Extract").thenReturn("{\"Payload\": {\"rows\": 1}}");

        ExecutionRun run = nightly.start("{}");
        kit.clock().advance(Duration.ofHours(23));
        assertThat(run.ended()).isFalse();
        kit.clock().advance(Duration.ofHours(1));

        assertThat(run.await()).succeeded();
    }

    @Test
    void anExecutionWaitingForATaskTokenCannotRunToItsEndAndSaysWhere() throws Exception {
        BlockingQueue<String> tokens = new ArrayBlockingQueue<>(1);
        kit.camelContext().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:approvals").process(e -> tokens.add(e.getMessage().getBody(String.class)));
            }
        });
        StateMachineUnderTest approval = kit.deploy("Approval", """
                {"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "direct:approvals.waitForTaskToken",
                  "Parameters": {"token.$": "$$.Task.Token"}, "End": true}}}""");

        assertThatThrownBy(() -> approval.run("{}")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("cannot end: it waits for something no timer brings")
                .hasMessageContaining("last state entered: Ask");

        tokens.clear();
        ExecutionRun run = approval.start("{}");
        String token = Json.parse(tokens.poll(10, TimeUnit.SECONDS)).path("token").asText();
        kit.component().taskTokens().sendSuccess(token, Json.parse("{\"approved\": true}"));
        assertThat(run.runToEnd()).succeeded().hasOutput("{\"approved\": true}");
    }
}
