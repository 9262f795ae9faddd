package io.github.camelasl.server;

import io.github.camelasl.AslDeployer;
import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.engine.TaskTokens;
import io.github.camelasl.mock.MockConfig;
import io.github.camelasl.server.console.ConsoleBackend;
import io.github.camelasl.server.console.ConsoleRoutes;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.teststate.DeployedTaskCalls;
import io.github.camelasl.teststate.StateTester;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.builder.RouteBuilder;

/**
 * The Step Functions API as a Camel route on camel-platform-http: add it to any CamelContext that has a
 * platform-http server of camel-platform-http-vertx (as camel-main has, or {@link StepFunctionsServer}
 * standalone). Without access keys it answers callers on this host only, whatever address the server listens on,
 * and only requests whose Host is this host (a defence against DNS rebinding); with keys, only requests signed
 * (SigV4) with one of them, from anywhere. State
 * machines created through it are deployed by {@code deployer} (its resource policy and mappings apply) and kept
 * in {@code store} with the STANDARD executions: once the CamelContext has started, those the store kept are
 * deployed again and their RUNNING executions resumed.
 */
public final class StepFunctionsApiRoutes extends RouteBuilder {

    /** 1 MiB: AWS's largest definition is 1 MB, its largest input 256 KiB. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

    /** AWS's long poll: GetActivityTask answers with no task after 60 seconds without one. */
    public static final Duration DEFAULT_ACTIVITY_TASK_POLL = ActivityActions.AWS_POLL;

    private final String path;
    private final StepFunctionsApi api;
    private final StateMachineRegistry stateMachines;
    private final java.util.concurrent.atomic.AtomicBoolean restored = new java.util.concurrent.atomic.AtomicBoolean();
    private final UncreatedActivities uncreatedActivities;
    private final AccessKeys accessKeys;
    private final ExecutionActions executions;
    private final ExecutionStore store;
    private ConsoleRoutes console;

    /**
     * @param path            the HTTP path the API answers on ("/" for the SDKs' and AWS CLI's --endpoint-url)
     * @param tokens          where .waitForTaskToken Tasks wait: the deployer's
     * @param maxRequestBytes a request body over this is refused
     */
    public StepFunctionsApiRoutes(String path, AslDeployer deployer, ExecutionStore store, TaskTokens tokens,
            long maxRequestBytes) {
        this(path, deployer, store, tokens, maxRequestBytes, DEFAULT_ACTIVITY_TASK_POLL);
    }

    /**
     * @param activityTaskPoll how long GetActivityTask waits for a task before it answers with none (AWS: 60 s)
     */
    public StepFunctionsApiRoutes(String path, AslDeployer deployer, ExecutionStore store, TaskTokens tokens,
            long maxRequestBytes, Duration activityTaskPoll) {
        this(path, deployer, store, tokens, maxRequestBytes, activityTaskPoll, AccessKeys.NONE);
    }

    /**
     * @param accessKeys the keys requests must be signed with (AWS SigV4, service "states", any region unless
     *                   {@link AccessKeys#inRegion});
     *                   {@link AccessKeys#NONE}: callers on this host only, unsigned
     */
    public StepFunctionsApiRoutes(String path, AslDeployer deployer, ExecutionStore store, TaskTokens tokens,
            long maxRequestBytes, Duration activityTaskPoll, AccessKeys accessKeys) {
        this.accessKeys = java.util.Objects.requireNonNull(accessKeys, "accessKeys");
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("maxRequestBytes must be positive, but was " + maxRequestBytes);
        }
        if (activityTaskPoll.isNegative() || activityTaskPoll.isZero()) {
            throw new IllegalArgumentException("activityTaskPoll must be positive, but was " + activityTaskPoll);
        }
        this.path = path;
        this.store = store;
        this.stateMachines = new StateMachineRegistry(deployer, store, StateMachineConfig.DEFAULT_REGION,
                StateMachineConfig.DEFAULT_ACCOUNT, Clock.systemUTC());
        ActivityActions activities = new ActivityActions(this::getContext, tokens, store,
                StateMachineConfig.DEFAULT_REGION, StateMachineConfig.DEFAULT_ACCOUNT, Clock.systemUTC(),
                activityTaskPoll);
        // one being deleted has lost its tags already: tags given it now would outlive it
        ResourceTags tags = new ResourceTags(arn -> activities.exists(arn)
                || stateMachines.findIfPresent(arn).isPresent() && !stateMachines.isDeleting(arn), store);
        activities.tags(tags);
        this.uncreatedActivities = new UncreatedActivities(activities::existsByName);
        this.executions = new ExecutionActions(stateMachines, store, tokens);
        // TestState's unmocked Tasks call what a deployment may call: the deployer's mappings and policy
        StateTester tester = new StateTester(new DeployedTaskCalls(deployer, StateMachineConfig.of("TestState")));
        this.api = new StepFunctionsApi(stateMachines, executions, activities, tags, tester, maxRequestBytes);
    }

    /**
     * Runs StartExecution and StartSyncExecution calls whose state machine ARN ends in {@code #TEST_CASE} with that
     * test case's mocked responses, as Step Functions Local does with its {@code SFN_MOCK_CONFIG}.
     *
     * @param mockConfig the configuration, or null for none (a {@code #TEST_CASE} is then InvalidName)
     */
    public StepFunctionsApiRoutes mockConfig(MockConfig mockConfig) {
        executions.mockConfig(mockConfig);
        return this;
    }

    /**
     * Serves the web console at {@code consolePath} too (its page, its queries, and this API for the page at
     * {@code consolePath/api/stepfunctions}), with this API's security; null for none.
     *
     * @throws IllegalArgumentException naming what is wrong with the path
     */
    public StepFunctionsApiRoutes console(String consolePath) {
        this.console = consolePath == null ? null : new ConsoleRoutes(consolePath, new Backend());
        return this;
    }

    /** The console's routes, when {@link #console} gave it a path. */
    public java.util.Optional<ConsoleRoutes> console() {
        return java.util.Optional.ofNullable(console);
    }

    /** What the console uses of this API. */
    private final class Backend implements ConsoleBackend {
        @Override
        public org.apache.camel.Processor stepFunctionsApi() {
            return api;
        }

        @Override
        public com.fasterxml.jackson.databind.JsonNode call(String action,
                com.fasterxml.jackson.databind.JsonNode request) throws Exception {
            return api.call(action, request);
        }

        @Override
        public ExecutionStore store() {
            return store;
        }

        @Override
        public boolean loginRequired() {
            return !accessKeys.isEmpty();
        }

        @Override
        public boolean acceptsKey(String accessKeyId, String secretAccessKey) {
            return accessKeys.accepts(accessKeyId, secretAccessKey);
        }

        @Override
        public java.util.Optional<String> callerRefusal(io.vertx.core.http.HttpServerRequest request) {
            return accessKeys.isEmpty() ? LoopbackCallersOnly.refusal(request) : java.util.Optional.empty();
        }
    }

    @Override
    public void configure() throws Exception {
        getContext().getCamelContextExtension().registerEndpointCallback(uncreatedActivities);
        // stopped with the context
        stateMachines.finishDeletionsOn(getContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "asl-deleting-state-machines"));
        // as the asl: component resumes: once the context runs the routes a resumed execution needs
        getContext().addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                if (alreadyStarted && restored.compareAndSet(false, true)) {
                    stateMachines.restore(); // added to a running context
                }
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                if (restored.compareAndSet(false, true)) {
                    stateMachines.restore();
                }
            }
        });
        from("platform-http:" + path + "?httpMethodRestrict=POST&consumes=" + StepFunctionsApi.CONTENT_TYPE)
                .routeId("asl-stepfunctions-api")
                .process(accessKeys.isEmpty() ? new LoopbackCallersOnly()
                        : new SignedCallersOnly(accessKeys, Clock.systemUTC()))
                .process(api);
        if (console != null) {
            console.configureOn(this);
        }
    }
}
