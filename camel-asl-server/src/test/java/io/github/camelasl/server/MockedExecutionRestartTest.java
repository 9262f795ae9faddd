package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.mock.MockConfig;
import io.github.camelasl.store.SqliteExecutionStore;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * A mocked execution's mocks live in memory, as in Step Functions Local: one a durable store holds RUNNING when the
 * server restarts is not resumed calling the real endpoints its test case mocked, but ends FAILED saying why, and
 * cannot be redriven.
 */
class MockedExecutionRestartTest {

    private static final String DEFINITION = """
            {"StartAt": "Check", "States": {
              "Check": {"Type": "Task", "Resource": "direct:check", "Next": "Ask"},
              "Ask": {"Type": "Task", "Resource": "direct:approvals.waitForTaskToken", "End": true}}}""";
    private static final MockConfig MOCKS = MockConfig.parse("test", """
            {"StateMachines": {"approve": {"TestCases": {"Quick": {"Check": "Ok"}}}},
             "MockedResponses": {"Ok": {"0": {"Return": {"ok": true}}}}}""");

    private final AtomicInteger checks = new AtomicInteger();
    private final BlockingQueue<String> asked = new LinkedBlockingQueue<>();

    @TempDir
    Path folder;

    private ServerFixture server() throws Exception {
        return ServerFixture.withMocks(SqliteExecutionStore.open(folder), MOCKS, null, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:check").process(e -> checks.incrementAndGet());
                from("direct:approvals").process(e -> asked.add(e.getMessage().getBody(String.class)));
            }
        });
    }

    private static void stop(ServerFixture fixture) throws Exception {
        fixture.close();
        fixture.store.close();
    }

    @Test
    void aMockedExecutionLeftRunningEndsFailedAfterARestartAndIsNotRedriven() throws Exception {
        String executionArn;
        ServerFixture first = server();
        try {
            String machine = first.sfn.createStateMachine(r -> r.name("approve").definition(DEFINITION)
                    .roleArn(StateMachineActionsTest.ROLE)).stateMachineArn();
            executionArn = first.sfn.startExecution(r -> r.stateMachineArn(machine + "#Quick").name("mocked"))
                    .executionArn();
            assertTrue(asked.poll(10, TimeUnit.SECONDS) != null, "the unmocked callback Task was called");
        } finally {
            stop(first);
        }
        ServerFixture second = server();
        try {
            DescribeExecutionResponse described = second.sfn.describeExecution(r -> r.executionArn(executionArn));
            for (int i = 0; i < 400 && described.status() == ExecutionStatus.RUNNING; i++) {
                Thread.sleep(25);
                described = second.sfn.describeExecution(r -> r.executionArn(executionArn));
            }
            assertEquals(ExecutionStatus.FAILED, described.status());
            assertEquals("States.Runtime", described.error());
            assertTrue(described.cause().contains("it ran mock test case 'Quick'"), described.cause());
            assertEquals(0, checks.get(), "the mocked Task never called its endpoint");
            assertNull(asked.poll(), "nothing was called again");
            ExecutionNotRedrivableException refused = assertThrows(ExecutionNotRedrivableException.class,
                    () -> second.sfn.redriveExecution(r -> r.executionArn(executionArn)));
            assertTrue(refused.awsErrorDetails().errorMessage().contains("ran mock test case 'Quick'"),
                    refused.awsErrorDetails().errorMessage());
        } finally {
            stop(second);
        }
    }
}
