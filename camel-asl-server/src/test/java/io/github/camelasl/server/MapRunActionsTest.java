package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** DescribeMapRun, ListMapRuns and UpdateMapRun through the AWS SDK, on a Distributed Map whose items wait. */
class MapRunActionsTest {

    private static final String DISTRIBUTED = """
            {"StartAt": "Fan", "States": {"Fan": {"Type": "Map", "End": true, "Label": "Batch",
              "MaxConcurrency": 1, "ToleratedFailurePercentage": 10,
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                                "StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "direct:work",
                                                                     "End": true}}}}}}""";

    private static ServerFixture fixture;
    private static SfnClient sfn;
    /** Each item's Task takes a permit before it answers: the test lets them go. */
    private static final Semaphore GATE = new Semaphore(0);
    private static final AtomicInteger RUNNING = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:work").process(e -> {
                    RUNNING.incrementAndGet();
                    try {
                        if (!GATE.tryAcquire(30, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the test never let this item go");
                        }
                    } finally {
                        RUNNING.decrementAndGet();
                    }
                    e.getMessage().setBody("{\"done\": true}");
                });
            }
        });
        sfn = fixture.sfn;
    }

    @AfterAll
    static void stop() throws Exception {
        GATE.release(1000);
        fixture.close();
    }

    /** Waits, at most 10 s, for something that must happen. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("never happened: " + what);
    }

    @Test
    void aRunningMapRunIsDescribedListedAndUpdatedAndItsNewMaxConcurrencyTakesEffect() throws Exception {
        String machine = sfn.createStateMachine(r -> r.name("fan").definition(DISTRIBUTED)
                .roleArn(StateMachineActionsTest.ROLE).type(StateMachineType.STANDARD)).stateMachineArn();
        String execution = sfn.startExecution(r -> r.stateMachineArn(machine)
                .input("[1, 2, 3, 4, 5, 6]")).executionArn();
        await("the first item runs", () -> RUNNING.get() == 1);
        List<String> runs = sfn.listMapRuns(r -> r.executionArn(execution)).mapRuns().stream()
                .map(run -> run.mapRunArn()).toList();
        assertEquals(1, runs.size());
        String mapRun = runs.get(0);
        assertTrue(mapRun.startsWith("arn:aws:states:us-east-1:123456789012:mapRun:fan/Batch:"), mapRun);

        DescribeMapRunResponse running = sfn.describeMapRun(r -> r.mapRunArn(mapRun));
        assertEquals(MapRunStatus.RUNNING, running.status());
        assertEquals(execution, running.executionArn());
        assertEquals(1, running.maxConcurrency());
        assertEquals(10.0f, running.toleratedFailurePercentage());
        assertEquals(6L, running.executionCounts().total());
        assertEquals(1L, running.executionCounts().running());
        assertEquals(5L, running.executionCounts().pending());
        assertNull(running.stopDate());
        Thread.sleep(100); // MaxConcurrency 1 holds the others back
        assertEquals(1, RUNNING.get());

        sfn.updateMapRun(r -> r.mapRunArn(mapRun).maxConcurrency(3));
        await("three items run at once", () -> RUNNING.get() == 3);
        assertEquals(3, sfn.describeMapRun(r -> r.mapRunArn(mapRun)).maxConcurrency());

        GATE.release(6);
        await("the execution ends", () -> sfn.describeExecution(r -> r.executionArn(execution)).status()
                != ExecutionStatus.RUNNING);
        assertEquals(ExecutionStatus.SUCCEEDED, sfn.describeExecution(r -> r.executionArn(execution)).status());
        DescribeMapRunResponse ended = sfn.describeMapRun(r -> r.mapRunArn(mapRun));
        assertEquals(MapRunStatus.SUCCEEDED, ended.status());
        assertEquals(6L, ended.executionCounts().succeeded());
        assertEquals(0L, ended.executionCounts().running());
        assertNotNull(ended.stopDate());
        assertEquals(mapRun, sfn.listMapRuns(r -> r.executionArn(execution)).mapRuns().get(0).mapRunArn());

        List<HistoryEvent> events = sfn.getExecutionHistory(r -> r.executionArn(execution)).events();
        HistoryEvent started = events.stream().filter(e -> e.type() == HistoryEventType.MAP_RUN_STARTED)
                .findFirst().orElseThrow();
        assertEquals(mapRun, started.mapRunStartedEventDetails().mapRunArn());
        assertTrue(events.stream().anyMatch(e -> e.type() == HistoryEventType.MAP_RUN_SUCCEEDED));

        ValidationException notRunning = assertThrows(ValidationException.class,
                () -> sfn.updateMapRun(r -> r.mapRunArn(mapRun).maxConcurrency(5)));
        assertTrue(notRunning.getMessage().contains("not running"), notRunning.getMessage());
    }

    @Test
    void aMapRunKeptRunningWhoseExecutionEndedIsAborted() throws Exception {
        // as a store holds it after the JVM that ran it stopped mid-run, its execution having ended since
        String machine = sfn.createStateMachine(r -> r.name("ended").definition("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""")
                .roleArn(StateMachineActionsTest.ROLE).type(StateMachineType.STANDARD)).stateMachineArn();
        String execution = sfn.startExecution(r -> r.stateMachineArn(machine)).executionArn();
        await("the execution ends", () -> sfn.describeExecution(r -> r.executionArn(execution)).status()
                != ExecutionStatus.RUNNING);
        String mapRun = "arn:aws:states:us-east-1:123456789012:mapRun:ended/M:11111111-1111-4111-8111-111111111111";
        fixture.store.putMapRun(new io.github.camelasl.store.StoredMapRun(mapRun, execution, machine,
                java.time.Instant.now(), null, "RUNNING", 0, 0, 0, io.github.camelasl.store.StoredMapRun.Counts.NONE,
                io.github.camelasl.store.StoredMapRun.Counts.NONE));
        DescribeMapRunResponse described = sfn.describeMapRun(r -> r.mapRunArn(mapRun));
        assertEquals(MapRunStatus.ABORTED, described.status());
        assertNotNull(described.stopDate());
        assertThrows(ValidationException.class, () -> sfn.updateMapRun(r -> r.mapRunArn(mapRun).maxConcurrency(2)));
    }

    @Test
    void aMissingMapRunOrExecutionIsAwsError() {
        String absent = "arn:aws:states:us-east-1:123456789012:mapRun:fan/Batch:00000000-0000-4000-8000-000000000000";
        assertThrows(ResourceNotFoundException.class, () -> sfn.describeMapRun(r -> r.mapRunArn(absent)));
        assertThrows(ResourceNotFoundException.class, () -> sfn.updateMapRun(r -> r.mapRunArn(absent)
                .maxConcurrency(2)));
        assertThrows(InvalidArnException.class, () -> sfn.describeMapRun(r -> r.mapRunArn("not-an-arn")));
        assertThrows(ExecutionDoesNotExistException.class, () -> sfn.listMapRuns(r -> r.executionArn(
                "arn:aws:states:us-east-1:123456789012:execution:fan:nothing")));
    }
}
