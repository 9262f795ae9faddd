package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.dataflow.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;

/**
 * TestState runs on threads of its own, at most {@link StepFunctionsApi#MAX_CONCURRENT_TEST_STATES} at once: Tasks
 * that wait on their Resource hold none of the HTTP server's workers, and one over the cap is throttled at once.
 */
class TestStateThrottlingTest {

    private static final String SLOW_TASK = "{\"Type\": \"Task\", \"Resource\": \"direct:slow\", \"End\": true}";

    private final CountDownLatch release = new CountDownLatch(1);
    /** A permit for each call the slow route has begun. */
    private final Semaphore entered = new Semaphore(0);
    private ServerFixture fixture;
    /** The SDK retries a throttled call (with back-off): this client does not, so the refusal is seen as it is. */
    private SfnClient noRetries;

    @BeforeEach
    void start() throws Exception {
        fixture = new ServerFixture(StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:slow").process(e -> {
                    entered.release();
                    assertTrue(release.await(30, TimeUnit.SECONDS), "the test releases the slow calls");
                    e.getMessage().setBody("{\"done\": true}");
                });
            }
        });
        noRetries = SfnClient.builder().endpointOverride(java.net.URI.create(fixture.server.url()))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).putAdvancedOption(
                        software.amazon.awssdk.core.client.config.SdkAdvancedClientOption
                                .DISABLE_HOST_PREFIX_INJECTION, true)) // TestState's host is "sync-" + host on AWS
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        noRetries.close();
        fixture.close();
    }

    @Test
    void oneOverTheCapIsThrottledAtOnceAndTheApiStillAnswers() throws Exception {
        int cap = StepFunctionsApi.MAX_CONCURRENT_TEST_STATES;
        List<CompletableFuture<TestStateResponse>> held = new ArrayList<>();
        for (int i = 0; i < cap; i++) {
            held.add(CompletableFuture.supplyAsync(() -> fixture.sfn.testState(r -> r.definition(SLOW_TASK)
                    .input("{}"))));
        }
        assertTrue(entered.tryAcquire(cap, 30, TimeUnit.SECONDS), "every TestState reached the slow route");

        SfnException throttled = org.junit.jupiter.api.Assertions.assertThrows(SfnException.class,
                () -> noRetries.testState(r -> r.definition(SLOW_TASK).input("{}")));
        assertEquals("ThrottlingException", throttled.awsErrorDetails().errorCode());
        assertEquals(400, throttled.statusCode());
        assertTrue(throttled.awsErrorDetails().errorMessage().contains("TestState"),
                throttled.awsErrorDetails().errorMessage());
        // the HTTP server's workers are free: every other action answers while the TestStates wait
        assertEquals(0, noRetries.listStateMachines(r -> { }).stateMachines().size());
        assertTrue(held.stream().noneMatch(CompletableFuture::isDone), "the slow TestStates still wait");

        release.countDown();
        for (CompletableFuture<TestStateResponse> call : held) {
            TestStateResponse response = call.get(30, TimeUnit.SECONDS);
            assertEquals(TestExecutionStatus.SUCCEEDED, response.status());
            assertEquals(Json.parse("{\"done\": true}"), Json.parse(response.output()));
        }
        // a slot freed is taken again
        assertEquals(TestExecutionStatus.SUCCEEDED, noRetries.testState(r -> r.definition(
                "{\"Type\": \"Pass\", \"End\": true}")).status());
    }

    @Test
    void theTestStateThreadsEndWhenTheRouteStops() throws Exception {
        release.countDown();
        assertEquals(TestExecutionStatus.SUCCEEDED, fixture.sfn.testState(r -> r.definition(SLOW_TASK)).status());
        assertTrue(testStateThreads() > 0, "a TestState thread ran the call");

        fixture.camel.getRouteController().stopRoute("asl-stepfunctions-api");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (testStateThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, testStateThreads(), "the executor was shut down with the route");
    }

    private static long testStateThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("asl-test-state-run-")).count();
    }
}
