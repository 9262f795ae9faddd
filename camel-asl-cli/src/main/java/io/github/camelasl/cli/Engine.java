package io.github.camelasl.cli;

import io.github.camelasl.AslDeployer;
import io.github.camelasl.AslValidationException;
import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.resource.ResourceMapping;
import io.github.camelasl.resource.ResourcePolicy;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.store.InMemoryExecutionStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A CamelContext with the built-in components on the classpath (direct, seda, log, bean) and the AWS connectors
 * (Lambda, SQS, SNS, S3, and the aws-sdk bridge for the SDK modules shipped or given with --classpath: configured
 * from the standard AWS environment), the timer pool the engine schedules Waits and
 * timeouts on, and a deployer over both whose resolvers try the {@code --resource-map} mappings first. Executions
 * are kept in memory, or in the given store (which the engine then owns). Definitions deploy under a resource policy
 * (the default one unless --allow-resource/--deny-resource change it). Closing stops everything quickly.
 */
final class Engine implements AutoCloseable {

    private final DefaultCamelContext camelContext;
    private final ScheduledExecutorService timers;
    private final ExecutionStore store;
    private final StubClasspath stubClasses;
    private final AslDeployer deployer;
    private final ResourceResolvers resolvers;
    private final io.github.camelasl.engine.TaskTokens tokens = new io.github.camelasl.engine.TaskTokens();
    /** The runtimes deployed for stored executions, by state machine ARN and definition. */
    private final Map<List<String>, StateMachineRuntime> storedRuntimes = new HashMap<>();

    Engine() {
        this(List.of());
    }

    Engine(List<ResourceMapping> mappings) {
        this(mappings, new InMemoryExecutionStore());
    }

    Engine(List<ResourceMapping> mappings, ExecutionStore store) {
        this(mappings, store, ResourcePolicy.defaults());
    }

    /** @param policy which Resources the definitions may call (the default policy, or one with --allow-resource) */
    Engine(List<ResourceMapping> mappings, ExecutionStore store, ResourcePolicy policy) {
        this(mappings, store, policy, null, null);
    }

    /**
     * @param stubClasses where {@code class:} and {@code bean:} Resources load their classes first (--classpath), or
     *                    null for the CLI's own class path; closed with the engine
     * @param clock       the clock the executions run on (--clock virtual), or null for the system's
     */
    Engine(List<ResourceMapping> mappings, ExecutionStore store, ResourcePolicy policy, StubClasspath stubClasses,
            io.github.camelasl.engine.EngineClock clock) {
        this.store = store;
        this.stubClasses = stubClasses;
        camelContext = new DefaultCamelContext();
        if (stubClasses != null) {
            // Camel's class resolver asks the application context's loader too: class: Resources find the stubs
            camelContext.setApplicationContextClassLoader(stubClasses.loader());
        }
        camelContext.getCamelContextExtension().setName("asl-cli");
        // a timed-out execution may leave an exchange in flight (a Wait, a Task): don't wait long for it
        camelContext.getShutdownStrategy().setTimeUnit(TimeUnit.MILLISECONDS);
        camelContext.getShutdownStrategy().setTimeout(500);
        camelContext.getShutdownStrategy().setShutdownNowOnTimeout(true);
        camelContext.getShutdownStrategy().setSuppressLoggingOnTimeout(true);
        java.util.concurrent.ScheduledThreadPoolExecutor pool = new java.util.concurrent.ScheduledThreadPoolExecutor(1,
                r -> {
                    Thread t = new Thread(r, "asl-timers");
                    t.setDaemon(true);
                    return t;
                });
        // an execution's time limit is cancelled when it ends: drop it then, not when it would have fired
        pool.setRemoveOnCancelPolicy(true);
        timers = pool;
        try {
            camelContext.start();
        } catch (RuntimeException e) {
            timers.shutdownNow();
            store.close();
            throw e;
        }
        resolvers = new ResourceResolvers(camelContext, mappings, List.of());
        AslDeployer deploying = new AslDeployer(camelContext, store, resolvers, timers, tokens, policy,
                io.github.camelasl.route.AllowedCamelHeaders.NONE);
        deployer = clock == null ? deploying : deploying.withClock(clock);
    }

    /** How the deployments resolve Resources to endpoints (mappings, connectors, Camel URIs). */
    ResourceResolvers resolvers() {
        return resolvers;
    }

    AslDeployer deployer() {
        return deployer;
    }

    ExecutionStore store() {
        return store;
    }

    /** The running CamelContext the state machines are deployed in (and 'asl serve' serves from). */
    DefaultCamelContext camelContext() {
        return camelContext;
    }

    /** Where the deployer's .waitForTaskToken Tasks wait. */
    io.github.camelasl.engine.TaskTokens tokens() {
        return tokens;
    }

    /** Deploys a definition; an invalid one is a usage error listing its problems. */
    StateMachineRuntime deploy(String source, String text, StateMachineConfig config) throws Exception {
        return deploy(deployer, source, text, config);
    }

    /** As {@link #deploy(String, String, StateMachineConfig)}, on {@code clock} (asl test: a clock per case). */
    StateMachineRuntime deploy(String source, String text, StateMachineConfig config,
            io.github.camelasl.engine.EngineClock clock) throws Exception {
        return deploy(deployer.withClock(clock), source, text, config);
    }

    private StateMachineRuntime deploy(AslDeployer on, String source, String text, StateMachineConfig config)
            throws Exception {
        regionWhenTheEnvironmentHasNone(config.region());
        StateMachineRuntime runtime;
        try {
            runtime = on.deploy(source, text, config);
        } catch (AslValidationException e) {
            throw CliException.usage("invalid definition " + source + ":",
                    e.diagnostics().stream().map(DiagnosticText::line).toList());
        }
        // the CLI waits on each execution's future: a durable store's long Wait would otherwise move the
        // execution out of memory, and a future nobody waited on yet when it parked would never complete
        runtime.parkInMemorySeconds(Integer.MAX_VALUE);
        return runtime;
    }

    /**
     * AWS calls a regionless service integration ({@code arn:aws:states:::sqs:sendMessage}) in the state machine's
     * region: the SQS, SNS and S3 connectors do the same when neither AWS_REGION nor AWS_DEFAULT_REGION names one
     * (rather than failing to deploy, also a Task a mock answers). The Lambda connector takes the function ARN's.
     */
    private void regionWhenTheEnvironmentHasNone(String region) {
        if (io.github.camelasl.aws.AwsEnvironment.system().region(null) != null) {
            return;
        }
        for (String name : List.of("asl-aws-sqs", "asl-aws-sns", "asl-aws-s3")) {
            org.apache.camel.Component component = camelContext.getComponent(name, true);
            io.github.camelasl.aws.AwsConnectionConfiguration configuration =
                    component instanceof io.github.camelasl.aws.sqs.SqsComponent sqs ? sqs.getConfiguration()
                    : component instanceof io.github.camelasl.aws.sns.SnsComponent sns ? sns.getConfiguration()
                    : component instanceof io.github.camelasl.aws.s3.S3Component s3 ? s3.getConfiguration() : null;
            if (configuration != null && configuration.getRegion() == null) {
                configuration.setRegion(region);
            }
        }
    }

    /**
     * The state machine a stored execution runs: the definition it started with, under the name, partition,
     * region and account of its ARN. Deployed once per ARN and definition.
     */
    StateMachineRuntime runtimeFor(ExecutionRecord record) throws Exception {
        List<String> key = List.of(record.stateMachineArn(), String.valueOf(record.definition()));
        StateMachineRuntime runtime = storedRuntimes.get(key);
        if (runtime == null) {
            if (record.definition() == null) {
                throw CliException.usage("the store holds no definition for " + record.executionArn());
            }
            // arn:PARTITION:states:REGION:ACCOUNT:stateMachine:NAME
            String[] arn = record.stateMachineArn().split(":", 7);
            if (arn.length < 7) {
                throw CliException.usage("not a state machine ARN: " + record.stateMachineArn());
            }
            StateMachineConfig config = new StateMachineConfig(arn[6], "STANDARD", arn[1], arn[3], arn[4], null);
            runtime = deploy("the definition of " + record.executionArn(), record.definition(), config);
            storedRuntimes.put(key, runtime);
        }
        return runtime;
    }

    @Override
    public void close() {
        timers.shutdownNow();
        try {
            camelContext.stop();
        } catch (RuntimeException ignored) {
            // stopping is best effort: the CLI is about to exit anyway
        } finally {
            store.close(); // after the routes: an execution still in flight stays RUNNING at its last checkpoint
            if (stubClasses != null) {
                stubClasses.close();
            }
        }
    }
}
