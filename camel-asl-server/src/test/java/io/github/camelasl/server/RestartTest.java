package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.dataflow.Json;
import io.github.camelasl.store.SqliteExecutionStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;

/** State machines created through the API, and their executions, survive a restart of the server on SQLite. */
class RestartTest {

    private static final String ROLE = StateMachineActionsTest.ROLE;
    private static final String WAIT_THEN_ADD = """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 2, "Next": "Add"},
              "Add": {"Type": "Pass", "Parameters": {"sum.$": "States.MathAdd($.a, $.b)"}, "End": true}}}""";
    private static final String APPROVAL_V1 = """
            {"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "direct:approvals.waitForTaskToken",
              "Parameters": {"token.$": "$$.Task.Token"}, "ResultSelector": {"version": 1, "by.$": "$.by"},
              "End": true}}}""";
    private static final String APPROVAL_V2 = """
            {"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "direct:approvals.waitForTaskToken",
              "Parameters": {"token.$": "$$.Task.Token"}, "ResultSelector": {"version": 2, "by.$": "$.by"},
              "End": true}}}""";

    private final BlockingQueue<String> tokens = new LinkedBlockingQueue<>();

    @TempDir
    Path folder;

    /** A server on the SQLite store in {@code folder}, with the route the approval Tasks call. */
    private ServerFixture server() throws Exception {
        return new ServerFixture(SqliteExecutionStore.open(folder), StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES,
                new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:approvals").process(e -> tokens.add(Json.parse(e.getMessage()
                                .getBody(String.class)).get("token").asText()));
                    }
                });
    }

    private static void stop(ServerFixture fixture) throws Exception {
        fixture.close();
        fixture.store.close();
    }

    @Test
    void aStateMachineAndItsWaitingExecutionSurviveARestart() throws Exception {
        String machineArn;
        String executionArn;
        ServerFixture first = server();
        try {
            machineArn = first.sfn.createStateMachine(r -> r.name("adder").definition(WAIT_THEN_ADD).roleArn(ROLE))
                    .stateMachineArn();
            executionArn = first.sfn.startExecution(r -> r.stateMachineArn(machineArn).name("run1")
                    .input("{\"a\": 2, \"b\": 3}")).executionArn();
            assertEquals(ExecutionStatus.RUNNING,
                    first.sfn.describeExecution(r -> r.executionArn(executionArn)).status());
        } finally {
            stop(first);
        }
        ServerFixture second = server();
        try {
            List<StateMachineListItem> listed = second.sfn.listStateMachines(r -> { }).stateMachines();
            assertEquals(List.of(machineArn), listed.stream().map(StateMachineListItem::stateMachineArn).toList());
            var described = second.sfn.describeStateMachine(r -> r.stateMachineArn(machineArn));
            assertEquals(WAIT_THEN_ADD, described.definition());
            assertEquals(ROLE, described.roleArn());
            DescribeExecutionResponse ended = awaitEnd(second.sfn, executionArn);
            assertEquals(ExecutionStatus.SUCCEEDED, ended.status());
            assertEquals("{\"sum\":5}", ended.output());
            // and it runs new executions
            String again = second.sfn.startExecution(r -> r.stateMachineArn(machineArn).input("{\"a\": 1, \"b\": 1}"))
                    .executionArn();
            assertEquals("{\"sum\":2}", awaitEnd(second.sfn, again).output());
        } finally {
            stop(second);
        }
    }

    @Test
    void anExecutionStartedBeforeAnUpdateResumesOnItsDefinitionAndTheUpdateIsKept() throws Exception {
        String machineArn;
        String executionArn;
        String token;
        ServerFixture first = server();
        try {
            machineArn = first.sfn.createStateMachine(r -> r.name("approve").definition(APPROVAL_V1).roleArn(ROLE))
                    .stateMachineArn();
            executionArn = first.sfn.startExecution(r -> r.stateMachineArn(machineArn).name("before-update"))
                    .executionArn();
            token = tokens.poll(10, TimeUnit.SECONDS);
            assertTrue(token != null, "the Task was called");
            first.sfn.updateStateMachine(r -> r.stateMachineArn(machineArn).definition(APPROVAL_V2));
        } finally {
            stop(first);
        }
        ServerFixture second = server();
        try {
            assertEquals(APPROVAL_V2, second.sfn.describeStateMachine(r -> r.stateMachineArn(machineArn))
                    .definition());
            sendTaskSuccessOnceResumed(second.sfn, token, "{\"by\": \"ada\"}");
            DescribeExecutionResponse ended = awaitEnd(second.sfn, executionArn);
            assertEquals(ExecutionStatus.SUCCEEDED, ended.status());
            assertEquals("{\"version\":1,\"by\":\"ada\"}", ended.output(), "it ran the definition it started with");
            // a new execution runs the updated one
            String after = second.sfn.startExecution(r -> r.stateMachineArn(machineArn).name("after-update"))
                    .executionArn();
            String newToken = tokens.poll(10, TimeUnit.SECONDS);
            second.sfn.sendTaskSuccess(r -> r.taskToken(newToken).output("{\"by\": \"bob\"}"));
            assertEquals("{\"version\":2,\"by\":\"bob\"}", awaitEnd(second.sfn, after).output());
        } finally {
            stop(second);
        }
    }

    @Test
    void aDeletedStateMachineStaysDeletedAfterARestart() throws Exception {
        ServerFixture first = server();
        try {
            String kept = first.sfn.createStateMachine(r -> r.name("kept").definition(WAIT_THEN_ADD).roleArn(ROLE))
                    .stateMachineArn();
            String gone = first.sfn.createStateMachine(r -> r.name("gone").definition(WAIT_THEN_ADD).roleArn(ROLE))
                    .stateMachineArn();
            first.sfn.deleteStateMachine(r -> r.stateMachineArn(gone));
            assertEquals(List.of(kept), first.sfn.listStateMachines(r -> { }).stateMachines().stream()
                    .map(StateMachineListItem::stateMachineArn).toList());
        } finally {
            stop(first);
        }
        ServerFixture second = server();
        try {
            assertEquals(List.of("kept"), second.sfn.listStateMachines(r -> { }).stateMachines().stream()
                    .map(StateMachineListItem::name).toList());
        } finally {
            stop(second);
        }
    }

    @Test
    void aStoredStateMachineThatNoLongerDeploysIsAnsweredAsSuchAndCanBeUpdated() throws Exception {
        String machineArn;
        String waiting;
        String token;
        ServerFixture first = server();
        try {
            machineArn = first.sfn.createStateMachine(r -> r.name("approve").definition(APPROVAL_V1).roleArn(ROLE))
                    .stateMachineArn();
            waiting = first.sfn.startExecution(r -> r.stateMachineArn(machineArn).name("waiting")).executionArn();
            token = tokens.poll(10, TimeUnit.SECONDS);
            assertTrue(token != null, "the Task was called");
        } finally {
            stop(first);
        }
        // as when the Camel component a Resource names has gone from the classpath since: edited in the store
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            store.putStateMachine(new io.github.camelasl.store.StoredStateMachine(machineArn, "approve", "STANDARD",
                    ROLE, APPROVAL_V1.replace("direct:approvals.waitForTaskToken", "nosuch:x"),
                    store.stateMachines().get(0).creationDate(), null));
        }
        ServerFixture second = server();
        try {
            var described = second.sfn.describeStateMachine(r -> r.stateMachineArn(machineArn));
            assertTrue(described.definition().contains("nosuch:x"), described.definition());
            InvalidDefinitionException refused = assertThrows(InvalidDefinitionException.class,
                    () -> second.sfn.startExecution(r -> r.stateMachineArn(machineArn)));
            assertTrue(refused.awsErrorDetails().errorMessage().contains("does not deploy now")
                    && refused.awsErrorDetails().errorMessage().contains("nosuch:x"),
                    refused.awsErrorDetails().errorMessage());
            assertEquals(ExecutionStatus.RUNNING, second.sfn.describeExecution(r -> r.executionArn(waiting)).status(),
                    "its execution waits in the store");
            second.sfn.updateStateMachine(r -> r.stateMachineArn(machineArn).definition(WAIT_THEN_ADD));
            // resumed then, on the definition it started with (which deploys)
            sendTaskSuccessOnceResumed(second.sfn, token, "{\"by\": \"ada\"}");
            assertEquals("{\"version\":1,\"by\":\"ada\"}", awaitEnd(second.sfn, waiting).output());
            String run = second.sfn.startExecution(r -> r.stateMachineArn(machineArn).input("{\"a\": 1, \"b\": 2}"))
                    .executionArn();
            assertEquals("{\"sum\":3}", awaitEnd(second.sfn, run).output());
        } finally {
            stop(second);
        }
    }

    @Test
    void inACamelAppTheRouteAddedBeforeTheStartRestoresThemOnceStarted() throws Exception {
        String machineArn;
        String executionArn;
        ServerFixture first = server();
        try {
            machineArn = first.sfn.createStateMachine(r -> r.name("adder").definition(WAIT_THEN_ADD).roleArn(ROLE))
                    .stateMachineArn();
            executionArn = first.sfn.startExecution(r -> r.stateMachineArn(machineArn).input("{\"a\": 4, \"b\": 5}"))
                    .executionArn();
        } finally {
            stop(first);
        }
        // as camel-main does: the platform-http server and the API's route are there before the context starts
        org.apache.camel.impl.DefaultCamelContext camel = new org.apache.camel.impl.DefaultCamelContext();
        java.util.concurrent.ScheduledExecutorService timers = java.util.concurrent.Executors.newScheduledThreadPool(1);
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            var configuration = new org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration();
            configuration.setBindHost("127.0.0.1");
            configuration.setBindPort(0);
            var httpServer = new org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer(configuration);
            camel.addService(httpServer, true, true);
            io.github.camelasl.engine.TaskTokens taskTokens = new io.github.camelasl.engine.TaskTokens();
            var deployer = new io.github.camelasl.AslDeployer(camel, store,
                    new io.github.camelasl.resource.ResourceResolvers(camel, List.of()), timers, taskTokens);
            camel.addRoutes(new StepFunctionsApiRoutes("/", deployer, store, taskTokens,
                    StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES));
            camel.start();
            try (SfnClient sfn = ServerFixture.client("http://127.0.0.1:" + httpServer.getServer().actualPort())) {
                assertEquals(List.of(machineArn), sfn.listStateMachines(r -> { }).stateMachines().stream()
                        .map(StateMachineListItem::stateMachineArn).toList());
                assertEquals("{\"sum\":9}", awaitEnd(sfn, executionArn).output());
            }
            camel.stop(); // before the store closes
        } finally {
            camel.stop();
            timers.shutdownNow();
        }
    }

    @Test
    void aStateMachineTheStoreCannotKeepIsNotCreatedAndLeavesNoRoutes() throws Exception {
        // a store file that cannot grow (as on a full disk): 42 pages of 4 KiB hold the schema and a small
        // definition, not a large one (about 50 pages)
        ServerFixture fixture = new ServerFixture(SqliteExecutionStore.open(folder, java.util.Map.of("max_page_count",
                "42")), StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES, null);
        try {
            int routes = fixture.camel.getRoutes().size();
            String large = WAIT_THEN_ADD.replace("\"StartAt\"", "\"Comment\": \"" + "x".repeat(200_000)
                    + "\", \"StartAt\"");
            var refused = assertThrows(software.amazon.awssdk.services.sfn.model.SfnException.class,
                    () -> fixture.sfn.createStateMachine(r -> r.name("large").definition(large).roleArn(ROLE)));
            assertEquals("InternalFailure", refused.awsErrorDetails().errorCode());
            assertEquals(List.of(), fixture.sfn.listStateMachines(r -> { }).stateMachines());
            assertEquals(routes, fixture.camel.getRoutes().size(), "its routes went again");
            // the store takes what fits
            fixture.sfn.createStateMachine(r -> r.name("small").definition(WAIT_THEN_ADD).roleArn(ROLE));
            assertEquals(List.of("small"), fixture.store.stateMachines().stream()
                    .map(io.github.camelasl.store.StoredStateMachine::name).toList());
        } finally {
            stop(fixture);
        }
    }

    /** The resumed execution waits for the token again once it is resumed, in the background of the start. */
    private static void sendTaskSuccessOnceResumed(SfnClient sfn, String token, String output) throws Exception {
        for (int i = 0; i < 200; i++) {
            try {
                sfn.sendTaskSuccess(r -> r.taskToken(token).output(output));
                return;
            } catch (TaskDoesNotExistException notYet) {
                Thread.sleep(25);
            }
        }
        throw new AssertionError("the resumed execution never waited for its token again");
    }

    static DescribeExecutionResponse awaitEnd(SfnClient sfn, String executionArn) throws Exception {
        for (int i = 0; i < 400; i++) {
            DescribeExecutionResponse described = sfn.describeExecution(r -> r.executionArn(executionArn));
            if (described.status() != ExecutionStatus.RUNNING) {
                return described;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("still running: " + executionArn);
    }
}
