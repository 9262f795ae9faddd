package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.camelasl.AslComponent;
import io.github.camelasl.AslDeployer;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.TaskTokens;
import io.github.camelasl.resource.ResourcePolicy;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.route.AllowedCamelHeaders;
import io.github.camelasl.store.InMemoryExecutionStore;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * In a Camel app with the API route, an activity that its own workers ({@code from("asl:activity:NAME")}) consume
 * exists without CreateActivity: its Tasks go to those workers, not to the States.Runtime of an uncreated one.
 */
class InAppActivityWorkersTest {

    @Test
    void anActivityConsumedByInAppWorkersRunsWithoutCreateActivity() throws Exception {
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(1);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("asl:activity:in-app").setBody(constant("{\"handled\": true}"));
                }
            });
            camel.start();
            // the workers answer through the component's tokens: the deployer's must be the same
            TaskTokens tokens = camel.getComponent("asl", AslComponent.class).taskTokens();
            InMemoryExecutionStore store = new InMemoryExecutionStore();
            AslDeployer deployer = new AslDeployer(camel, store, new ResourceResolvers(camel, List.of()), timers,
                    tokens, ResourcePolicy.defaults(), AllowedCamelHeaders.NONE);
            try (StepFunctionsServer server = StepFunctionsServer.start(camel, deployer, store, tokens, "127.0.0.1",
                    0, StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES, ServerFixture.ACTIVITY_TASK_POLL);
                    SfnClient sfn = ServerFixture.client(server.url())) {
                String machine = sfn.createStateMachine(r -> r.name("in-app").roleArn(StateMachineActionsTest.ROLE)
                        .definition("""
                                {"StartAt": "Work", "States": {"Work": {"Type": "Task",
                                  "Resource": "arn:aws:states:us-east-1:123456789012:activity:in-app", "End": true}}}
                                """)).stateMachineArn();
                String execution = sfn.startExecution(r -> r.stateMachineArn(machine).input("{\"n\": 1}"))
                        .executionArn();
                DescribeExecutionResponse ended = null;
                for (int i = 0; i < 400; i++) {
                    ended = sfn.describeExecution(r -> r.executionArn(execution));
                    if (ended.status() != ExecutionStatus.RUNNING) {
                        break;
                    }
                    Thread.sleep(25);
                }
                assertEquals(ExecutionStatus.SUCCEEDED, ended.status(), ended.toString());
                assertEquals(Json.parse("{\"handled\": true}"), Json.parse(ended.output()));
            }
        } finally {
            timers.shutdownNow();
        }
    }
}
