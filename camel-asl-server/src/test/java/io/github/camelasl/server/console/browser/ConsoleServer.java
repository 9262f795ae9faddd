package io.github.camelasl.server.console.browser;

import io.github.camelasl.AslDeployer;
import io.github.camelasl.engine.TaskTokens;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.server.AccessKeys;
import io.github.camelasl.server.StepFunctionsApiRoutes;
import io.github.camelasl.server.StepFunctionsServer;
import io.github.camelasl.store.InMemoryExecutionStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.impl.DefaultCamelContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** {@code asl serve} in a test: the API and the console (at /asl) on a free loopback port, an in-memory store. */
final class ConsoleServer implements AutoCloseable {

    final DefaultCamelContext camel = new DefaultCamelContext();
    final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1);
    final StepFunctionsServer server;
    final SfnClient sfn;
    private final String consolePath;

    ConsoleServer() throws Exception {
        this(AccessKeys.NONE);
    }

    /** With access keys: the console asks to sign in with one. */
    ConsoleServer(AccessKeys keys) throws Exception {
        this(keys, "/asl");
    }

    /** With the console at {@code consolePath} (asl serve's --console-path). */
    ConsoleServer(AccessKeys keys, String consolePath) throws Exception {
        this.consolePath = consolePath;
        // as asl serve's engine: an execution still waiting does not hold the stop up
        camel.getShutdownStrategy().setTimeUnit(TimeUnit.MILLISECONDS);
        camel.getShutdownStrategy().setTimeout(500);
        camel.getShutdownStrategy().setShutdownNowOnTimeout(true);
        camel.getShutdownStrategy().setSuppressLoggingOnTimeout(true);
        camel.start();
        InMemoryExecutionStore store = new InMemoryExecutionStore();
        TaskTokens tokens = new TaskTokens();
        AslDeployer deployer = new AslDeployer(camel, store, new ResourceResolvers(camel, List.of()), timers, tokens);
        server = StepFunctionsServer.start(camel, deployer, store, tokens, "127.0.0.1", 0,
                StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES, Duration.ofMillis(300), keys, null, consolePath);
        sfn = SfnClient.builder()
                .endpointOverride(URI.create(server.url()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** The console's address: http://127.0.0.1:PORT/asl */
    String console() {
        return server.url().replaceAll("/+$", "") + consolePath;
    }

    String createStateMachine(String name, String definition) {
        return sfn.createStateMachine(r -> r.name(name).definition(definition)
                .roleArn("arn:aws:iam::123456789012:role/console-test")).stateMachineArn();
    }

    String start(String stateMachineArn, String name, String input) {
        return sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(name).input(input)).executionArn();
    }

    /** The execution once it has ended (at most 10 s). */
    DescribeExecutionResponse awaitEnd(String executionArn) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            DescribeExecutionResponse execution = sfn.describeExecution(r -> r.executionArn(executionArn));
            if (execution.status() != ExecutionStatus.RUNNING) {
                return execution;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(executionArn + " still RUNNING after 10 s");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        sfn.close();
        server.close();
        camel.stop();
        timers.shutdownNow();
    }
}
