package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** The execution actions, driven by the AWS SDK for Java's SfnClient, on state machines created through it. */
class ExecutionActionsTest {

    private static final String ROLE = StateMachineActionsTest.ROLE;
    private static final String ADD = """
            {"StartAt": "Add", "States": {"Add": {"Type": "Pass", "Parameters": {"sum.$": "States.MathAdd($.a, $.b)"},
              "Next": "Done"}, "Done": {"Type": "Succeed"}}}""";
    private static final String FAIL = """
            {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Broken", "Cause": "on purpose"}}}""";
    private static final String WAIT = """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 600, "End": true}}}""";
    private static final String FLAKY = """
            {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "direct:flaky", "End": true}}}""";
    private static final String APPROVAL = """
            {"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "direct:approvals.waitForTaskToken",
              "Parameters": {"token.$": "$$.Task.Token"}, "End": true}}}""";

    private static ServerFixture fixture;
    private static SfnClient sfn;
    private static final AtomicBoolean FLAKY_FAILS = new AtomicBoolean(true);
    private static final BlockingQueue<String> TOKENS = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:flaky").process(e -> {
                    if (FLAKY_FAILS.get()) {
                        throw new IllegalStateException("not yet");
                    }
                    e.getMessage().setBody("{\"worked\": true}");
                });
                from("direct:approvals").process(e -> TOKENS.add(Json.parse(e.getMessage().getBody(String.class))
                        .get("token").asText()));
            }
        });
        sfn = fixture.sfn;
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static String create(String name, String definition, StateMachineType type) {
        return sfn.createStateMachine(r -> r.name(name).definition(definition).roleArn(ROLE).type(type))
                .stateMachineArn();
    }

    private static DescribeExecutionResponse awaitEnd(String executionArn) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            DescribeExecutionResponse described = sfn.describeExecution(r -> r.executionArn(executionArn));
            if (described.status() != ExecutionStatus.RUNNING) {
                return described;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("still running: " + executionArn);
    }

    @Test
    void startExecutionRunsAndDescribeExecutionAnswersItsEnd() throws Exception {
        String machine = create("add", ADD, StateMachineType.STANDARD);
        var started = sfn.startExecution(r -> r.stateMachineArn(machine).name("first").input("{\"a\": 2, \"b\": 3}"));
        assertEquals("arn:aws:states:us-east-1:123456789012:execution:add:first", started.executionArn());
        DescribeExecutionResponse described = awaitEnd(started.executionArn());
        assertEquals(ExecutionStatus.SUCCEEDED, described.status());
        assertEquals("{\"sum\":5}", described.output());
        assertEquals("{\"a\":2,\"b\":3}", described.input());
        assertEquals(machine, described.stateMachineArn());
        assertEquals(started.startDate(), described.startDate());
        assertFalse(described.stopDate().isBefore(described.startDate()));

        ExecutionAlreadyExistsException taken = assertThrows(ExecutionAlreadyExistsException.class,
                () -> sfn.startExecution(r -> r.stateMachineArn(machine).name("first").input("{\"a\": 1, \"b\": 1}")));
        assertTrue(taken.getMessage().contains(started.executionArn()), taken.getMessage());
    }

    @Test
    void badStartRequestsAreRefused() {
        String machine = create("refusing", ADD, StateMachineType.STANDARD);
        InvalidExecutionInputException input = assertThrows(InvalidExecutionInputException.class,
                () -> sfn.startExecution(r -> r.stateMachineArn(machine).input("{not json")));
        assertTrue(input.getMessage().contains("Invalid State Machine Execution Input"), input.getMessage());
        assertThrows(StateMachineDoesNotExistException.class, () -> sfn.startExecution(r -> r.stateMachineArn(
                "arn:aws:states:us-east-1:123456789012:stateMachine:none")));
        ValidationException missing = assertThrows(ValidationException.class, () -> sfn.startExecution(r -> { }));
        assertTrue(missing.getMessage().contains("'stateMachineArn'"), missing.getMessage());
        assertThrows(ExecutionDoesNotExistException.class, () -> sfn.describeExecution(r -> r.executionArn(
                "arn:aws:states:us-east-1:123456789012:execution:refusing:never")));
        assertThrows(InvalidArnException.class, () -> sfn.describeExecution(r -> r.executionArn("never")));
        assertThrows(ExecutionDoesNotExistException.class, () -> sfn.getExecutionHistory(r -> r.executionArn(
                "arn:aws:states:us-east-1:123456789012:execution:nomachine:never")));
    }

    @Test
    void startSyncExecutionAnswersTheEndOfAnExpressExecution() {
        String add = create("sync-add", ADD, StateMachineType.EXPRESS);
        StartSyncExecutionResponse done = sfn.startSyncExecution(r -> r.stateMachineArn(add).name("s1")
                .input("{\"a\": 40, \"b\": 2}"));
        assertEquals(SyncExecutionStatus.SUCCEEDED, done.status());
        assertEquals("{\"sum\":42}", done.output());
        assertEquals("{\"a\":40,\"b\":2}", done.input());
        // as on AWS, an EXPRESS execution's ARN ends with an id after its name
        assertTrue(done.executionArn().startsWith("arn:aws:states:us-east-1:123456789012:express:sync-add:s1:"),
                done.executionArn());
        assertEquals(add, done.stateMachineArn());
        assertFalse(done.stopDate().isBefore(done.startDate()));

        String fail = create("sync-fail", FAIL, StateMachineType.EXPRESS);
        StartSyncExecutionResponse failed = sfn.startSyncExecution(r -> r.stateMachineArn(fail));
        assertEquals(SyncExecutionStatus.FAILED, failed.status());
        assertEquals("Broken", failed.error());
        assertEquals("on purpose", failed.cause());

        String standard = create("sync-standard", ADD, StateMachineType.STANDARD);
        SfnException notExpress = assertThrows(SfnException.class, () -> sfn.startSyncExecution(r -> r
                .stateMachineArn(standard)));
        assertEquals("StateMachineTypeNotSupported", notExpress.awsErrorDetails().errorCode());
    }

    /**
     * A Task's route hop runs on the thread that received the request once the action has returned: a
     * StartSyncExecution that waited on that thread for the end never answered.
     */
    @Test
    void startSyncExecutionAnswersAnExpressExecutionWithATask() {
        FLAKY_FAILS.set(false);
        String task = create("sync-task", FLAKY, StateMachineType.EXPRESS);
        for (int i = 0; i < 3; i++) {
            StartSyncExecutionResponse done = sfn.startSyncExecution(r -> r.stateMachineArn(task));
            assertEquals(SyncExecutionStatus.SUCCEEDED, done.status(), done.toString());
            assertEquals("{\"worked\":true}", done.output());
        }
    }

    @Test
    void listExecutionsFiltersByStatusAndPages() throws Exception {
        String machine = create("listed", ADD, StateMachineType.STANDARD);
        String waiting = create("listed-waiting", WAIT, StateMachineType.STANDARD);
        for (int i = 0; i < 5; i++) {
            awaitEnd(sfn.startExecution(r -> r.stateMachineArn(machine).input("{\"a\": 1, \"b\": 1}"))
                    .executionArn());
        }
        String running = sfn.startExecution(r -> r.stateMachineArn(waiting)).executionArn();

        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListExecutionsResponse page = sfn.listExecutions(r -> r.stateMachineArn(machine).maxResults(2)
                    .nextToken(next));
            assertTrue(page.executions().size() <= 2);
            page.executions().stream().map(ExecutionListItem::executionArn).forEach(seen::add);
            page.executions().forEach(item -> assertEquals(ExecutionStatus.SUCCEEDED, item.status()));
            token = page.nextToken();
        } while (token != null);
        assertEquals(5, seen.size(), seen.toString());
        assertEquals(5, seen.stream().distinct().count());

        assertEquals(1, sfn.listExecutions(r -> r.stateMachineArn(waiting).statusFilter(ExecutionStatus.RUNNING))
                .executions().size());
        assertTrue(sfn.listExecutions(r -> r.stateMachineArn(machine).statusFilter(ExecutionStatus.FAILED))
                .executions().isEmpty());
        assertThrows(ValidationException.class, () -> sfn.listExecutions(r -> r.stateMachineArn(machine)
                .maxResults(5000)));
        assertThrows(InvalidTokenException.class, () -> sfn.listExecutions(r -> r.stateMachineArn(machine)
                .nextToken("not-one-it-gave")));
        sfn.stopExecution(r -> r.executionArn(running));
    }

    @Test
    void getExecutionHistoryPagesReversesAndLeavesOutData() throws Exception {
        String machine = create("history", ADD, StateMachineType.STANDARD);
        String arn = sfn.startExecution(r -> r.stateMachineArn(machine).input("{\"a\": 1, \"b\": 2}"))
                .executionArn();
        awaitEnd(arn);
        List<HistoryEvent> all = sfn.getExecutionHistory(r -> r.executionArn(arn)).events();
        assertEquals(HistoryEventType.EXECUTION_STARTED, all.get(0).type());
        assertEquals(HistoryEventType.EXECUTION_SUCCEEDED, all.get(all.size() - 1).type());
        assertEquals("{\"a\":1,\"b\":2}", all.get(0).executionStartedEventDetails().input());
        assertEquals("{\"sum\":3}", all.get(all.size() - 1).executionSucceededEventDetails().output());
        assertTrue(all.get(0).timestamp() != null);

        List<HistoryEvent> paged = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            GetExecutionHistoryResponse page = sfn.getExecutionHistory(r -> r.executionArn(arn).maxResults(2)
                    .nextToken(next));
            paged.addAll(page.events());
            token = page.nextToken();
        } while (token != null);
        assertEquals(all, paged);

        List<HistoryEvent> reversed = sfn.getExecutionHistory(r -> r.executionArn(arn).reverseOrder(true)).events();
        assertEquals(HistoryEventType.EXECUTION_SUCCEEDED, reversed.get(0).type());
        assertEquals(all.size(), reversed.size());

        List<HistoryEvent> withoutData = sfn.getExecutionHistory(r -> r.executionArn(arn)
                .includeExecutionData(false)).events();
        assertNull(withoutData.get(0).executionStartedEventDetails().input());
        assertNull(withoutData.get(withoutData.size() - 1).executionSucceededEventDetails().output());
    }

    @Test
    void stopExecutionAbortsARunningExecution() throws Exception {
        String machine = create("stopped", WAIT, StateMachineType.STANDARD);
        String arn = sfn.startExecution(r -> r.stateMachineArn(machine)).executionArn();
        assertEquals(ExecutionStatus.RUNNING, sfn.describeExecution(r -> r.executionArn(arn)).status());
        var stopped = sfn.stopExecution(r -> r.executionArn(arn).error("Halt").cause("by the test"));
        DescribeExecutionResponse described = awaitEnd(arn);
        assertEquals(ExecutionStatus.ABORTED, described.status());
        assertEquals("Halt", described.error());
        assertEquals("by the test", described.cause());
        assertEquals(stopped.stopDate(), described.stopDate());
    }

    @Test
    void redriveExecutionRunsAFailedExecutionAgainFromWhereItFailed() throws Exception {
        String machine = create("flaky", FLAKY, StateMachineType.STANDARD);
        FLAKY_FAILS.set(true);
        String arn = sfn.startExecution(r -> r.stateMachineArn(machine)).executionArn();
        DescribeExecutionResponse failed = awaitEnd(arn);
        assertEquals(ExecutionStatus.FAILED, failed.status());
        assertEquals("REDRIVABLE", failed.redriveStatusAsString());
        // reading the history first (as a user looking for the failure does) leaves the stored events as they were
        assertEquals(HistoryEventType.EXECUTION_FAILED, sfn.getExecutionHistory(r -> r.executionArn(arn).reverseOrder(true))
                .events().get(0).type());

        FLAKY_FAILS.set(false);
        var redriven = sfn.redriveExecution(r -> r.executionArn(arn));
        DescribeExecutionResponse done = awaitEnd(arn);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status());
        assertEquals("{\"worked\":true}", done.output());
        assertEquals(1, done.redriveCount());
        assertEquals(redriven.redriveDate(), done.redriveDate());

        assertThrows(ExecutionNotRedrivableException.class, () -> sfn.redriveExecution(r -> r.executionArn(arn)));
    }

    @Test
    void taskCallbacksAnswerAWaitingTask() throws Exception {
        String machine = create("approval", APPROVAL, StateMachineType.STANDARD);
        String approved = sfn.startExecution(r -> r.stateMachineArn(machine)).executionArn();
        String token = TOKENS.poll(10, TimeUnit.SECONDS);
        sfn.sendTaskHeartbeat(r -> r.taskToken(token));
        sfn.sendTaskSuccess(r -> r.taskToken(token).output("{\"by\": \"ada\"}"));
        assertEquals("{\"by\":\"ada\"}", awaitEnd(approved).output());
        assertThrows(TaskDoesNotExistException.class, () -> sfn.sendTaskSuccess(r -> r.taskToken(token)
                .output("{}")));

        String rejected = sfn.startExecution(r -> r.stateMachineArn(machine)).executionArn();
        String second = TOKENS.poll(10, TimeUnit.SECONDS);
        sfn.sendTaskFailure(r -> r.taskToken(second).error("Rejected").cause("over budget"));
        DescribeExecutionResponse failed = awaitEnd(rejected);
        assertEquals(ExecutionStatus.FAILED, failed.status());
        assertEquals("Rejected", failed.error());
        assertThrows(TaskDoesNotExistException.class, () -> sfn.sendTaskHeartbeat(r -> r.taskToken("unknown")));
    }

    @Test
    void anExecutionStartedBeforeAnUpdateIsRedrivenOnItsOwnDefinition() throws Exception {
        String machine = create("flaky-updated", FLAKY, StateMachineType.STANDARD);
        FLAKY_FAILS.set(true);
        String arn = sfn.startExecution(r -> r.stateMachineArn(machine)).executionArn();
        assertEquals(ExecutionStatus.FAILED, awaitEnd(arn).status());
        sfn.updateStateMachine(r -> r.stateMachineArn(machine).definition(FAIL));

        FLAKY_FAILS.set(false);
        sfn.redriveExecution(r -> r.executionArn(arn));
        DescribeExecutionResponse done = awaitEnd(arn);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), "redriven on the Task it failed in, not the new Fail");
        assertEquals("{\"worked\":true}", done.output());
    }

    @Test
    void anUpdatedMachinesExecutionsRunTheNewDefinition() throws Exception {
        String machine = create("versioned", ADD, StateMachineType.STANDARD);
        sfn.updateStateMachine(r -> r.stateMachineArn(machine).definition(ADD.replace("MathAdd", "ArrayLength")
                .replace("States.ArrayLength($.a, $.b)", "States.ArrayLength($.a)")));
        String arn = sfn.startExecution(r -> r.stateMachineArn(machine).input("{\"a\": [1, 2, 3], \"b\": 0}"))
                .executionArn();
        JsonNode output = Json.parse(awaitEnd(arn).output());
        assertEquals(3, output.get("sum").asInt());
    }
}
