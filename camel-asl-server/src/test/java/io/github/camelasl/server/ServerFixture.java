package io.github.camelasl.server;

import io.github.camelasl.AslDeployer;
import io.github.camelasl.engine.TaskTokens;
import io.github.camelasl.mock.MockConfig;
import io.github.camelasl.resource.ResourceMapping;
import io.github.camelasl.resource.ResourcePolicy;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.route.AllowedCamelHeaders;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.store.InMemoryExecutionStore;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * A CamelContext with the API server on a free loopback port, an in-memory store (or the one given, which the
 * caller closes), and the SDK's client for it.
 */
final class ServerFixture implements AutoCloseable {

    /** GetActivityTask's wait for a task, short so that a poll that finds none answers soon. */
    static final Duration ACTIVITY_TASK_POLL = Duration.ofMillis(300);

    final DefaultCamelContext camel = new DefaultCamelContext();
    final ExecutionStore store;
    final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1);
    final StepFunctionsServer server;
    final SfnClient sfn;

    ServerFixture(long maxRequestBytes, RouteBuilder appRoutes) throws Exception {
        this(new InMemoryExecutionStore(), maxRequestBytes, appRoutes);
    }

    ServerFixture(ExecutionStore store, long maxRequestBytes, RouteBuilder appRoutes) throws Exception {
        this(store, maxRequestBytes, appRoutes, "127.0.0.1", AccessKeys.NONE);
    }

    /** On {@code host}, answering requests signed with {@code keys} (or, with none, loopback callers). */
    ServerFixture(ExecutionStore store, long maxRequestBytes, RouteBuilder appRoutes, String host, AccessKeys keys)
            throws Exception {
        this(store, maxRequestBytes, appRoutes, host, keys, null, null, null);
    }

    /** With a Step Functions Local mock configuration, and Resources mapped to the app's endpoints (or null). */
    static ServerFixture withMocks(MockConfig mocks, ResourceMapping mappings, RouteBuilder appRoutes)
            throws Exception {
        return withMocks(new InMemoryExecutionStore(), mocks, mappings, appRoutes);
    }

    /** As above, on {@code store} (which the caller closes). */
    static ServerFixture withMocks(ExecutionStore store, MockConfig mocks, ResourceMapping mappings,
            RouteBuilder appRoutes) throws Exception {
        return new ServerFixture(store, StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES, appRoutes, "127.0.0.1",
                AccessKeys.NONE, mocks, mappings, null);
    }

    /** Whose EXPRESS executions run at most {@code expressMax}, not AWS's 5 minutes. */
    static ServerFixture withExpressMax(Duration expressMax) throws Exception {
        return new ServerFixture(new InMemoryExecutionStore(), StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES, null,
                "127.0.0.1", AccessKeys.NONE, null, null, expressMax);
    }

    private ServerFixture(ExecutionStore store, long maxRequestBytes, RouteBuilder appRoutes, String host,
            AccessKeys keys, MockConfig mocks, ResourceMapping mappings, Duration expressMax) throws Exception {
        this.store = store;
        // as asl serve's engine: an execution waiting (for a task token) does not hold the stop up
        camel.getShutdownStrategy().setTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS);
        camel.getShutdownStrategy().setTimeout(500);
        camel.getShutdownStrategy().setShutdownNowOnTimeout(true);
        camel.getShutdownStrategy().setSuppressLoggingOnTimeout(true);
        camel.start();
        if (appRoutes != null) {
            camel.addRoutes(appRoutes);
        }
        TaskTokens tokens = new TaskTokens();
        AslDeployer deployer = new AslDeployer(camel, store, new ResourceResolvers(camel,
                mappings == null ? List.of() : List.of(mappings), List.of()), timers, tokens,
                ResourcePolicy.defaults(), AllowedCamelHeaders.NONE);
        if (expressMax != null) {
            deployer.expressMaxDurationForTests(expressMax);
        }
        server = StepFunctionsServer.start(camel, deployer, store, tokens, host, 0, maxRequestBytes,
                ACTIVITY_TASK_POLL, keys, mocks);
        sfn = client(server.url());
    }

    static SfnClient client(String url) {
        return client(url, "test", "test");
    }

    /** A client that signs its requests with the key {@code keyId} and {@code secret}. */
    static SfnClient client(String url, String keyId, String secret) {
        return SfnClient.builder()
                .endpointOverride(URI.create(url))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                // StartSyncExecution's endpoint is "sync-" + host on AWS: a local server has the one host
                .overrideConfiguration(c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION,
                        true))
                .build();
    }

    @Override
    public void close() throws Exception {
        sfn.close();
        server.close();
        camel.stop();
        timers.shutdownNow();
    }
}
