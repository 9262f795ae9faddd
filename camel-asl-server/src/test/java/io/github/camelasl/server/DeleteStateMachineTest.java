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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.StateMachineDeletingException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineStatus;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;

/**
 * DeleteStateMachine as on AWS: the state machine is DELETING while executions of it run, takes no new ones, and
 * goes once the last one ends; they go on to their end, across a restart too.
 */
class DeleteStateMachineTest {

    private static final String ROLE = StateMachineActionsTest.ROLE;
    private static final String APPROVAL = """
            {"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "direct:approvals.waitForTaskToken",
              "Parameters": {"token.$": "$$.Task.Token"}, "ResultSelector": {"by.$": "$.by"}, "End": true}}}""";
    private static final String WAIT_THEN_PASS = """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "Next": "P"},
              "P": {"Type": "Pass", "Result": "waited", "End": true}}}""";

    private final BlockingQueue<String> tokens = new LinkedBlockingQueue<>();
    private final RouteBuilder approvals = new RouteBuilder() {
        @Override
        public void configure() {
            from("direct:approvals").process(e -> tokens.add(Json.parse(e.getMessage().getBody(String.class))
                    .get("token").asText()));
        }
    };
    private ServerFixture fixture;

    @TempDir
    Path folder;

    @AfterEach
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aStateMachineDeletedWhileAnExecutionWaitsForItsTokenGoesOnceItEnds() throws Exception {
        fixture = new ServerFixture(StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES, approvals);
        SfnClient sfn = fixture.sfn;
        int routesBefore = fixture.camel.getRoutes().size();
        var created = sfn.createStateMachine(r -> r.name("approve").definition(APPROVAL).roleArn(ROLE).publish(true));
        String arn = created.stateMachineArn();
        String version = created.stateMachineVersionArn();
        String execution = sfn.startExecution(r -> r.stateMachineArn(arn).name("waiting")).executionArn();
        String token = tokens.poll(10, TimeUnit.SECONDS);
        assertTrue(token != null, "the Task was called");

        sfn.deleteStateMachine(r -> r.stateMachineArn(arn));

        assertEquals(StateMachineStatus.DELETING, sfn.describeStateMachine(r -> r.stateMachineArn(arn)).status());
        StateMachineDeletingException refused = assertThrows(StateMachineDeletingException.class,
                () -> sfn.startExecution(r -> r.stateMachineArn(arn)));
        assertTrue(refused.awsErrorDetails().errorMessage().contains(arn), refused.awsErrorDetails().errorMessage());
        assertThrows(StateMachineDeletingException.class, () -> sfn.startExecution(r -> r.stateMachineArn(version)),
                "nor on its version");
        assertThrows(StateMachineDeletingException.class,
                () -> sfn.createStateMachine(r -> r.name("approve").definition(APPROVAL).roleArn(ROLE)),
                "its name is taken until it goes");
        assertThrows(StateMachineDeletingException.class,
                () -> sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(WAIT_THEN_PASS)));
        // nor our own RestartExecution: a new execution on routes that go once the running one ends
        java.net.http.HttpResponse<String> restarted = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(fixture.server.url() + "/"))
                        .header("Content-Type", StepFunctionsApi.CONTENT_TYPE)
                        .header("X-Amz-Target", "CamelAsl.RestartExecution")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Json.write(Json.NODES.objectNode()
                                .put("executionArn", execution).put("stateName", "Ask").put("input", "{}"))))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(400, restarted.statusCode(), restarted.body());
        assertEquals("StateMachineDeleting", Json.parse(restarted.body()).get("__type").asText());
        // its versions went with the request, as AWS's reference says
        assertThrows(ResourceNotFoundException.class, () -> sfn.describeStateMachine(r -> r.stateMachineArn(version)));
        assertEquals(List.of(), sfn.listStateMachineVersions(r -> r.stateMachineArn(arn)).stateMachineVersions());
        // its tags went with the request: none are taken now, which would outlive it
        assertThrows(ResourceNotFoundException.class, () -> sfn.tagResource(r -> r.resourceArn(arn)
                .tags(t -> t.key("team").value("a"))));
        // its running execution is still there, and listed
        assertEquals(List.of(execution), sfn.listExecutions(r -> r.stateMachineArn(arn)).executions().stream()
                .map(e -> e.executionArn()).toList());

        sfn.sendTaskSuccess(r -> r.taskToken(token).output("{\"by\": \"ada\"}"));
        DescribeExecutionResponse ended = awaitEnd(sfn, execution);
        assertEquals(ExecutionStatus.SUCCEEDED, ended.status());
        assertEquals("{\"by\":\"ada\"}", ended.output());

        awaitGone(sfn, arn);
        assertEquals(routesBefore, fixture.camel.getRoutes().size(), "its routes went with it");
        assertEquals(List.of(), sfn.listStateMachines(r -> { }).stateMachines());
        // and the name is free again
        sfn.createStateMachine(r -> r.name("approve").definition(WAIT_THEN_PASS).roleArn(ROLE));
    }

    @Test
    void anExecutionInAWaitFinishesAfterTheDelete() throws Exception {
        fixture = new ServerFixture(StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES, null);
        SfnClient sfn = fixture.sfn;
        String arn = sfn.createStateMachine(r -> r.name("waiter").definition(WAIT_THEN_PASS).roleArn(ROLE))
                .stateMachineArn();
        String execution = sfn.startExecution(r -> r.stateMachineArn(arn)).executionArn();
        sfn.deleteStateMachine(r -> r.stateMachineArn(arn));
        assertEquals(StateMachineStatus.DELETING, sfn.describeStateMachine(r -> r.stateMachineArn(arn)).status());
        DescribeExecutionResponse ended = awaitEnd(sfn, execution);
        assertEquals(ExecutionStatus.SUCCEEDED, ended.status());
        assertEquals("\"waited\"", ended.output());
        awaitGone(sfn, arn);
    }

    @Test
    void anExecutionWhoseActivityTaskIsQueuedGetsItAndFinishes() throws Exception {
        fixture = new ServerFixture(StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES, null);
        SfnClient sfn = fixture.sfn;
        String activity = sfn.createActivity(r -> r.name("review")).activityArn();
        String arn = sfn.createStateMachine(r -> r.name("reviewer").roleArn(ROLE).definition("""
                {"StartAt": "Review", "States": {"Review": {"Type": "Task", "Resource": "%s", "End": true}}}"""
                .formatted(activity))).stateMachineArn();
        String execution = sfn.startExecution(r -> r.stateMachineArn(arn).input("{\"doc\": 1}")).executionArn();
        sfn.deleteStateMachine(r -> r.stateMachineArn(arn));
        String token = null;
        for (int i = 0; i < 50 && token == null; i++) { // each poll answers within the fixture's short poll time
            token = sfn.getActivityTask(r -> r.activityArn(activity).workerName("w")).taskToken();
        }
        assertTrue(token != null, "the queued task is handed out");
        String taken = token;
        sfn.sendTaskSuccess(r -> r.taskToken(taken).output("{\"ok\": true}"));
        assertEquals("{\"ok\":true}", awaitEnd(sfn, execution).output());
        awaitGone(sfn, arn);
    }

    @Test
    void aStoppedExecutionEndsTheDeletionToo() throws Exception {
        fixture = new ServerFixture(StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES, approvals);
        SfnClient sfn = fixture.sfn;
        String arn = sfn.createStateMachine(r -> r.name("approve").definition(APPROVAL).roleArn(ROLE))
                .stateMachineArn();
        String execution = sfn.startExecution(r -> r.stateMachineArn(arn)).executionArn();
        assertTrue(tokens.poll(10, TimeUnit.SECONDS) != null, "the Task was called");
        sfn.deleteStateMachine(r -> r.stateMachineArn(arn));
        sfn.deleteStateMachine(r -> r.stateMachineArn(arn)); // again: no error, as on AWS
        sfn.stopExecution(r -> r.executionArn(execution));
        assertEquals(ExecutionStatus.ABORTED, awaitEnd(sfn, execution).status());
        awaitGone(sfn, arn);
    }

    @Test
    void aStateMachineWithoutRunningExecutionsGoesAtOnce() throws Exception {
        fixture = new ServerFixture(StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES, null);
        SfnClient sfn = fixture.sfn;
        String arn = sfn.createStateMachine(r -> r.name("quick").definition("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""").roleArn(ROLE)).stateMachineArn();
        String execution = sfn.startExecution(r -> r.stateMachineArn(arn)).executionArn();
        awaitEnd(sfn, execution);
        sfn.deleteStateMachine(r -> r.stateMachineArn(arn));
        assertThrows(StateMachineDoesNotExistException.class,
                () -> sfn.describeStateMachine(r -> r.stateMachineArn(arn)));
    }

    @Test
    void aDeletionInProgressIsFinishedAfterARestart() throws Exception {
        String arn;
        String execution;
        String token;
        fixture = sqliteServer();
        try {
            arn = fixture.sfn.createStateMachine(r -> r.name("approve").definition(APPROVAL).roleArn(ROLE)
                    .publish(true)).stateMachineArn();
            execution = fixture.sfn.startExecution(r -> r.stateMachineArn(arn).name("waiting")).executionArn();
            token = tokens.poll(10, TimeUnit.SECONDS);
            assertTrue(token != null, "the Task was called");
            fixture.sfn.deleteStateMachine(r -> r.stateMachineArn(arn));
        } finally {
            closeSqlite();
        }
        fixture = sqliteServer();
        try {
            SfnClient sfn = fixture.sfn;
            assertEquals(StateMachineStatus.DELETING, sfn.describeStateMachine(r -> r.stateMachineArn(arn)).status());
            assertThrows(StateMachineDeletingException.class, () -> sfn.startExecution(r -> r.stateMachineArn(arn)));
            assertEquals(List.of(), sfn.listStateMachineVersions(r -> r.stateMachineArn(arn)).stateMachineVersions(),
                    "its versions stay deleted");
            sendTaskSuccessOnceResumed(sfn, token, "{\"by\": \"ada\"}");
            DescribeExecutionResponse ended = awaitEnd(sfn, execution);
            assertEquals(ExecutionStatus.SUCCEEDED, ended.status());
            assertEquals("{\"by\":\"ada\"}", ended.output());
            awaitGone(sfn, arn);
        } finally {
            closeSqlite();
        }
        fixture = sqliteServer();
        try {
            assertEquals(List.of(), fixture.sfn.listStateMachines(r -> { }).stateMachines().stream()
                    .map(StateMachineListItem::stateMachineArn).toList(), "the store forgot it");
            assertEquals(ExecutionStatus.SUCCEEDED, fixture.sfn.describeExecution(r -> r.executionArn(execution))
                    .status(), "its execution stays");
        } finally {
            closeSqlite();
        }
    }

    @Test
    void oneBeingDeletedThatNoLongerDeploysAfterARestartCanBeMendedSoItsExecutionsEnd() throws Exception {
        String arn;
        String execution;
        String token;
        fixture = sqliteServer();
        try {
            arn = fixture.sfn.createStateMachine(r -> r.name("approve").definition(APPROVAL).roleArn(ROLE))
                    .stateMachineArn();
            execution = fixture.sfn.startExecution(r -> r.stateMachineArn(arn)).executionArn();
            token = tokens.poll(10, TimeUnit.SECONDS);
            assertTrue(token != null, "the Task was called");
            fixture.sfn.deleteStateMachine(r -> r.stateMachineArn(arn));
        } finally {
            closeSqlite();
        }
        // as when the Camel component a Resource names has gone from the classpath since: edited in the store
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            store.putStateMachine(new io.github.camelasl.store.StoredStateMachine(arn, "approve", "STANDARD", ROLE,
                    APPROVAL.replace("direct:approvals.waitForTaskToken", "nosuch:x"),
                    store.stateMachines().get(0).creationDate(), null));
        }
        fixture = sqliteServer();
        try {
            SfnClient sfn = fixture.sfn;
            assertEquals(StateMachineStatus.DELETING, sfn.describeStateMachine(r -> r.stateMachineArn(arn)).status());
            // UpdateStateMachine is refused while it is being deleted, but for this: else its execution stays stuck
            sfn.updateStateMachine(r -> r.stateMachineArn(arn).definition(WAIT_THEN_PASS));
            assertThrows(StateMachineDeletingException.class, () -> sfn.startExecution(r -> r.stateMachineArn(arn)));
            sendTaskSuccessOnceResumed(sfn, token, "{\"by\": \"ada\"}");
            assertEquals("{\"by\":\"ada\"}", awaitEnd(sfn, execution).output(), "on the definition it started with");
            awaitGone(sfn, arn);
        } finally {
            closeSqlite();
        }
    }

    private ServerFixture sqliteServer() throws Exception {
        return new ServerFixture(SqliteExecutionStore.open(folder), StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES,
                approvals);
    }

    private void closeSqlite() throws Exception {
        fixture.close();
        fixture.store.close();
        fixture = null;
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

    private static DescribeExecutionResponse awaitEnd(SfnClient sfn, String executionArn) throws Exception {
        for (int i = 0; i < 400; i++) {
            DescribeExecutionResponse described = sfn.describeExecution(r -> r.executionArn(executionArn));
            if (described.status() != ExecutionStatus.RUNNING) {
                return described;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("still running: " + executionArn);
    }

    /** The deletion is finished by a check every half second: bounded wait for it. */
    private static void awaitGone(SfnClient sfn, String machineArn) throws Exception {
        for (int i = 0; i < 400; i++) {
            try {
                sfn.describeStateMachine(r -> r.stateMachineArn(machineArn));
            } catch (StateMachineDoesNotExistException gone) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("still there: " + machineArn);
    }
}
