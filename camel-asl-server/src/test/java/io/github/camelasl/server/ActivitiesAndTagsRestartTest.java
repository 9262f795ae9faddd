package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.camelasl.dataflow.Json;
import io.github.camelasl.store.SqliteExecutionStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ActivityDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ActivityListItem;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.Tag;

/** Activities and the tags of state machines and activities survive a restart of the server on SQLite. */
class ActivitiesAndTagsRestartTest {

    @TempDir
    Path folder;

    private ServerFixture server() throws Exception {
        return new ServerFixture(SqliteExecutionStore.open(folder), StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES,
                null);
    }

    private static void stop(ServerFixture fixture) throws Exception {
        fixture.close();
        fixture.store.close();
    }

    private static Map<String, String> tags(SfnClient sfn, String arn) {
        return sfn.listTagsForResource(r -> r.resourceArn(arn)).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    @Test
    void activitiesAndTagsAreKeptAcrossARestart() throws Exception {
        String activity;
        String machine;
        Instant created;
        ServerFixture first = server();
        try {
            SfnClient sfn = first.sfn;
            var createdActivity = sfn.createActivity(r -> r.name("review").tags(tag("team", "a")));
            activity = createdActivity.activityArn();
            created = createdActivity.creationDate();
            String gone = sfn.createActivity(r -> r.name("gone").tags(tag("k", "v"))).activityArn();
            sfn.deleteActivity(r -> r.activityArn(gone));
            sfn.tagResource(r -> r.resourceArn(activity).tags(tag("cost", "7")));

            machine = sfn.createStateMachine(r -> r.name("tagged").roleArn(StateMachineActionsTest.ROLE)
                    .definition("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}")
                    .tags(tag("env", "dev"), tag("owner", "ada"))).stateMachineArn();
            String tagged = machine;
            sfn.untagResource(r -> r.resourceArn(tagged).tagKeys("env"));
            sfn.tagResource(r -> r.resourceArn(tagged).tags(tag("owner", "bob")));
        } finally {
            stop(first);
        }
        ServerFixture second = server();
        try {
            SfnClient sfn = second.sfn;
            assertEquals(List.of("review"), sfn.listActivities(r -> { }).activities().stream()
                    .map(ActivityListItem::name).toList());
            assertEquals(created, sfn.describeActivity(r -> r.activityArn(activity)).creationDate());
            assertEquals(Map.of("team", "a", "cost", "7"), tags(sfn, activity));
            assertEquals(Map.of("owner", "bob"), tags(sfn, machine));
            String gone = activity.replace(":review", ":gone");
            assertThrows(ActivityDoesNotExistException.class, () -> sfn.describeActivity(r -> r.activityArn(gone)));
            assertThrows(ResourceNotFoundException.class, () -> tags(sfn, gone));
            // an idempotent Create after the restart leaves it, and its tags, as they were
            assertEquals(created, sfn.createActivity(r -> r.name("review")).creationDate());
            assertEquals(Map.of("team", "a", "cost", "7"), tags(sfn, activity));
            sfn.deleteStateMachine(r -> r.stateMachineArn(machine));
            sfn.deleteActivity(r -> r.activityArn(activity));
        } finally {
            stop(second);
        }
        ServerFixture third = server();
        try {
            assertEquals(List.of(), third.sfn.listActivities(r -> { }).activities());
            third.sfn.createActivity(r -> r.name("review"));
            assertEquals(Map.of(), tags(third.sfn, activity), "a deleted activity's tags went with it");
        } finally {
            stop(third);
        }
    }

    @Test
    void anExecutionWaitingOnAnActivityGetsItsTaskFromAWorkerAfterARestart() throws Exception {
        String execution;
        String activity;
        ServerFixture first = server();
        try {
            SfnClient sfn = first.sfn;
            activity = sfn.createActivity(r -> r.name("approve")).activityArn();
            String definition = """
                    {"StartAt": "Approve", "States": {"Approve": {"Type": "Task", "Resource": "%s",
                      "ResultPath": "$.approval", "End": true}}}""".formatted(activity);
            String machine = sfn.createStateMachine(r -> r.name("approvals").definition(definition)
                    .roleArn(StateMachineActionsTest.ROLE)).stateMachineArn();
            execution = sfn.startExecution(r -> r.stateMachineArn(machine).input("{\"doc\": 1}")).executionArn();
            awaitTaskScheduled(sfn, execution);
        } finally {
            stop(first);
        }
        ServerFixture second = server();
        try {
            SfnClient sfn = second.sfn;
            GetActivityTaskResponse task = null;
            for (int i = 0; i < 50 && (task == null || task.taskToken() == null); i++) {
                String polled = activity;
                task = sfn.getActivityTask(r -> r.activityArn(polled).workerName("w"));
            }
            assertEquals(1, Json.parse(task.input()).get("doc").asInt());
            String token = task.taskToken();
            sfn.sendTaskSuccess(r -> r.taskToken(token).output("{\"ok\": true}"));
            DescribeExecutionResponse ended = RestartTest.awaitEnd(sfn, execution);
            assertEquals(ExecutionStatus.SUCCEEDED, ended.status());
            assertEquals(true, Json.parse(ended.output()).path("approval").path("ok").asBoolean());
        } finally {
            stop(second);
        }
    }

    /** Until the execution's history has its TaskScheduled (the task is queued for a worker). */
    private static void awaitTaskScheduled(SfnClient sfn, String execution) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            if (sfn.getExecutionHistory(r -> r.executionArn(execution)).events().stream()
                    .anyMatch(e -> e.typeAsString().equals("ActivityScheduled")
                            || e.typeAsString().equals("TaskScheduled"))) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the activity task was never scheduled");
    }
}
