package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ActivityDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ActivityListItem;
import software.amazon.awssdk.services.sfn.model.CreateActivityResponse;
import software.amazon.awssdk.services.sfn.model.DescribeActivityResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.ListActivitiesResponse;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** The activity actions and GetActivityTask's workers, driven by the AWS SDK for Java's SfnClient. */
class ActivityActionsTest {

    private static final String ROLE = StateMachineActionsTest.ROLE;

    private static ServerFixture fixture;
    private static SfnClient sfn;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES, null);
        sfn = fixture.sfn;
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static String machineOnActivity(String name, String activityArn) {
        String definition = """
                {"StartAt": "Review", "States": {"Review": {"Type": "Task", "Resource": "%s",
                  "Parameters": {"doc.$": "$.doc"}, "ResultPath": "$.review", "End": true}}}""".formatted(activityArn);
        return sfn.createStateMachine(r -> r.name(name).definition(definition).roleArn(ROLE)).stateMachineArn();
    }

    /** Polls as a worker does, until a task comes (each poll answers within the fixture's short poll time). */
    private static GetActivityTaskResponse takeTask(String activityArn, String workerName) {
        for (int i = 0; i < 50; i++) {
            GetActivityTaskResponse task = sfn.getActivityTask(r -> r.activityArn(activityArn).workerName(workerName));
            if (task.taskToken() != null) {
                return task;
            }
        }
        throw new AssertionError("no task came for " + activityArn);
    }

    private static DescribeExecutionResponse awaitEnd(String executionArn) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            DescribeExecutionResponse described = sfn.describeExecution(r -> r.executionArn(executionArn));
            if (described.status() != ExecutionStatus.RUNNING) {
                return described;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("still running: " + executionArn);
    }

    @Test
    void createDescribeListAndDeleteActivities() {
        CreateActivityResponse created = sfn.createActivity(r -> r.name("crud-a"));
        assertEquals("arn:aws:states:us-east-1:123456789012:activity:crud-a", created.activityArn());
        assertNotNull(created.creationDate());
        // idempotent by name, as on AWS
        assertEquals(created, sfn.createActivity(r -> r.name("crud-a")));

        DescribeActivityResponse described = sfn.describeActivity(r -> r.activityArn(created.activityArn()));
        assertEquals("crud-a", described.name());
        assertEquals(created.activityArn(), described.activityArn());
        assertEquals(created.creationDate(), described.creationDate());

        sfn.deleteActivity(r -> r.activityArn(created.activityArn()));
        assertThrows(ActivityDoesNotExistException.class,
                () -> sfn.describeActivity(r -> r.activityArn(created.activityArn())));
        // AWS answers a delete of one that does not exist
        sfn.deleteActivity(r -> r.activityArn(created.activityArn()));
    }

    @Test
    void listActivitiesPages() {
        for (String name : List.of("page-1", "page-2", "page-3")) {
            sfn.createActivity(r -> r.name(name));
        }
        List<String> names = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            ListActivitiesResponse page = sfn.listActivities(r -> r.maxResults(2).nextToken(next));
            assertTrue(page.activities().size() <= 2);
            page.activities().stream().map(ActivityListItem::name).filter(n -> n.startsWith("page-"))
                    .forEach(names::add);
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(List.of("page-1", "page-2", "page-3"), names);
        assertTrue(pages >= 2, "three activities on pages of two");
        assertThrows(ValidationException.class, () -> sfn.listActivities(r -> r.maxResults(1001)));
        for (String name : List.of("page-1", "page-2", "page-3")) {
            sfn.deleteActivity(r -> r.activityArn("arn:aws:states:us-east-1:123456789012:activity:" + name));
        }
    }

    @Test
    void badActivityRequestsAreRefused() {
        assertThrows(InvalidNameException.class, () -> sfn.createActivity(r -> r.name("has space")));
        // AWS allows it, but it would change the queue's endpoint URI: refused by name, with the reason
        InvalidNameException notUriSafe = assertThrows(InvalidNameException.class,
                () -> sfn.createActivity(r -> r.name("x?size=1")));
        assertTrue(notUriSafe.getMessage().contains("letters, digits"), notUriSafe.getMessage());
        assertThrows(InvalidNameException.class, () -> sfn.createActivity(r -> r.name("a".repeat(81))));
        assertThrows(ValidationException.class, () -> sfn.createActivity(r -> r.name("")));
        assertThrows(InvalidArnException.class, () -> sfn.describeActivity(r -> r.activityArn("not-an-arn")));
        assertThrows(InvalidArnException.class, () -> sfn.describeActivity(
                r -> r.activityArn("arn:aws:states:us-east-1:123456789012:stateMachine:x")));
        assertThrows(ActivityDoesNotExistException.class, () -> sfn.getActivityTask(
                r -> r.activityArn("arn:aws:states:us-east-1:123456789012:activity:never-created")));
        String arn = sfn.createActivity(r -> r.name("bad-worker")).activityArn();
        ValidationException longName = assertThrows(ValidationException.class,
                () -> sfn.getActivityTask(r -> r.activityArn(arn).workerName("w".repeat(81))));
        assertTrue(longName.getMessage().contains("workerName"), longName.getMessage());
    }

    @Test
    void getActivityTaskAnswersWithNoTaskWhenNoneCame() {
        String arn = sfn.createActivity(r -> r.name("idle")).activityArn();
        GetActivityTaskResponse none = sfn.getActivityTask(r -> r.activityArn(arn));
        assertNull(none.taskToken());
        assertNull(none.input());
    }

    @Test
    void aWorkerUsingTheSdkCompletesTheActivityTaskOfAnExecution() throws Exception {
        String activity = sfn.createActivity(r -> r.name("review")).activityArn();
        String machine = machineOnActivity("reviewed", activity);
        String execution = sfn.startExecution(r -> r.stateMachineArn(machine).input("{\"doc\": \"d1\"}"))
                .executionArn();

        // the worker: its own thread and SDK client, as a worker process has
        CompletableFuture<Void> worker = CompletableFuture.runAsync(() -> {
            try (SfnClient workerClient = ServerFixture.client(fixture.server.url())) {
                GetActivityTaskResponse task = takeTask(activity, "worker-1");
                JsonNode input = Json.parse(task.input());
                workerClient.sendTaskHeartbeat(r -> r.taskToken(task.taskToken()));
                workerClient.sendTaskSuccess(r -> r.taskToken(task.taskToken())
                        .output("{\"reviewed\": \"" + input.get("doc").asText() + "\"}"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        worker.get(30, TimeUnit.SECONDS);

        DescribeExecutionResponse ended = awaitEnd(execution);
        assertEquals(ExecutionStatus.SUCCEEDED, ended.status());
        assertEquals(Json.parse("{\"doc\": \"d1\", \"review\": {\"reviewed\": \"d1\"}}"), Json.parse(ended.output()));
        List<HistoryEvent> events = sfn.getExecutionHistory(r -> r.executionArn(execution)).events();
        assertEquals(List.of(HistoryEventType.EXECUTION_STARTED, HistoryEventType.TASK_STATE_ENTERED,
                HistoryEventType.ACTIVITY_SCHEDULED, HistoryEventType.ACTIVITY_STARTED,
                HistoryEventType.ACTIVITY_SUCCEEDED, HistoryEventType.TASK_STATE_EXITED,
                HistoryEventType.EXECUTION_SUCCEEDED), events.stream().map(HistoryEvent::type).toList());
        assertEquals("worker-1", events.get(3).activityStartedEventDetails().workerName());
        assertEquals(activity, events.get(2).activityScheduledEventDetails().resource());
    }

    @Test
    void aWorkersFailureFailsTheTask() throws Exception {
        String activity = sfn.createActivity(r -> r.name("rejecting")).activityArn();
        String machine = machineOnActivity("rejected", activity);
        String execution = sfn.startExecution(r -> r.stateMachineArn(machine).input("{\"doc\": \"d2\"}"))
                .executionArn();
        GetActivityTaskResponse task = takeTask(activity, null);
        assertEquals(Json.parse("{\"doc\": \"d2\"}"), Json.parse(task.input()));
        sfn.sendTaskFailure(r -> r.taskToken(task.taskToken()).error("Rejected").cause("typos"));
        DescribeExecutionResponse ended = awaitEnd(execution);
        assertEquals(ExecutionStatus.FAILED, ended.status());
        assertEquals("Rejected", ended.error());
        assertEquals("typos", ended.cause());
        // a worker that gave no name: ActivityStarted has none, as on AWS (not a null one)
        HttpResponse<String> history = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(fixture.server.url())).header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AWSStepFunctions.GetExecutionHistory")
                .POST(HttpRequest.BodyPublishers.ofString("{\"executionArn\": \"" + execution + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode started = Json.parse(history.body()).get("events").get(3);
        assertEquals("ActivityStarted", started.get("type").asText(), history.body());
        assertEquals("{}", started.get("activityStartedEventDetails").toString());
    }

    @Test
    void aTaskWhoseExecutionStoppedWhileQueuedIsNotHandedOut() throws Exception {
        String activity = sfn.createActivity(r -> r.name("abandoned")).activityArn();
        String machine = machineOnActivity("abandoning", activity);
        String stopped = sfn.startExecution(r -> r.stateMachineArn(machine).input("{\"doc\": \"gone\"}"))
                .executionArn();
        for (int i = 0; i < 400 && sfn.getExecutionHistory(r -> r.executionArn(stopped)).events().stream()
                .noneMatch(e -> e.type() == HistoryEventType.ACTIVITY_SCHEDULED); i++) {
            Thread.sleep(25);
        }
        sfn.stopExecution(r -> r.executionArn(stopped));
        assertEquals(ExecutionStatus.ABORTED, awaitEnd(stopped).status());
        String live = sfn.startExecution(r -> r.stateMachineArn(machine).input("{\"doc\": \"live\"}"))
                .executionArn();

        GetActivityTaskResponse task = takeTask(activity, "worker-3");
        assertEquals(Json.parse("{\"doc\": \"live\"}"), Json.parse(task.input()), "the stopped one's task is dropped");
        sfn.sendTaskSuccess(r -> r.taskToken(task.taskToken()).output("{}"));
        assertEquals(ExecutionStatus.SUCCEEDED, awaitEnd(live).status());
    }

    @Test
    void aTaskOnAnActivityNeverCreatedFailsItsExecutionAsOnAws() throws Exception {
        // AWS accepts the definition; the Task fails the execution with States.Runtime when it runs
        String activity = "arn:aws:states:us-east-1:123456789012:activity:not-yet";
        String machine = machineOnActivity("later", activity);
        String early = sfn.startExecution(r -> r.stateMachineArn(machine).input("{\"doc\": \"early\"}"))
                .executionArn();
        DescribeExecutionResponse failed = awaitEnd(early);
        assertEquals(ExecutionStatus.FAILED, failed.status());
        assertEquals("States.Runtime", failed.error());
        assertTrue(failed.cause().contains("not-yet does not exist"), failed.cause());

        // once created, the same state machine's Task waits for a worker
        sfn.createActivity(r -> r.name("not-yet"));
        String late = sfn.startExecution(r -> r.stateMachineArn(machine).input("{\"doc\": \"now\"}"))
                .executionArn();
        GetActivityTaskResponse task = takeTask(activity, "worker-4");
        sfn.sendTaskSuccess(r -> r.taskToken(task.taskToken()).output("{}"));
        assertEquals(ExecutionStatus.SUCCEEDED, awaitEnd(late).status());

        // and deleted, it fails again
        sfn.deleteActivity(r -> r.activityArn(activity));
        String deleted = sfn.startExecution(r -> r.stateMachineArn(machine).input("{\"doc\": \"gone\"}"))
                .executionArn();
        assertEquals("States.Runtime", awaitEnd(deleted).error());
    }
}
