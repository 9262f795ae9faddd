package io.github.camelasl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.EngineClock;
import io.github.camelasl.engine.ExecutionObserver;
import io.github.camelasl.engine.ExecutionObservers;
import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.engine.StepCaching;
import io.github.camelasl.engine.TaskTokens;
import io.github.camelasl.model.DefinitionParser;
import io.github.camelasl.model.StateMachine;
import io.github.camelasl.resource.AwsArns;
import io.github.camelasl.history.TerminalText;
import io.github.camelasl.resource.EndpointReadiness;
import io.github.camelasl.resource.IntegrationModules;
import io.github.camelasl.resource.ResolvedResource;
import io.github.camelasl.resource.ResourcePolicy;
import io.github.camelasl.resource.ResourceProblem;
import io.github.camelasl.resource.ResourceRefusedException;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.route.AllowedCamelHeaders;
import io.github.camelasl.route.ForwardedHeaders;
import io.github.camelasl.route.StateMachineRoutes;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.validation.DefinitionValidator;
import io.github.camelasl.validation.Diagnostic;
import io.github.camelasl.validation.ResourceChecks;
import io.github.camelasl.validation.ValidationOptions;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;

/**
 * Validates a definition and deploys it into a CamelContext as routes. The asl: endpoint uses it, and so can
 * code that runs state machines without an endpoint (the CLI, tests).
 */
public final class AslDeployer {

    private static final AtomicLong DEPLOYMENTS = new AtomicLong();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AslDeployer.class);

    private final CamelContext camelContext;
    private final ExecutionStore store;
    private final ResourceResolvers resolvers;
    private final ScheduledExecutorService timers;
    private final TaskTokens tokens;
    private final ResourcePolicy policy;
    private final AllowedCamelHeaders allowedCamelHeaders;
    private final ForwardedHeaders forwardedHeaders;
    /** The clock of the state machines it deploys, unless their configuration names one; null for the system's. */
    private volatile EngineClock clock;
    /** Told of every deployment of this deployer and its executions (a component's deployers share its own). */
    private volatile ExecutionObservers observers = new ExecutionObservers();
    /**
     * Whether what it deploys is one of the application's state machines, which a Task calling Step Functions may
     * start ({@link io.github.camelasl.engine.DeployedStateMachines}); not so for TestState's one-Task runs.
     */
    private volatile boolean listed = true;
    /** See {@link #expressMaxDurationForTests}; null for AWS's maximum. */
    private volatile java.time.Duration expressMaxForTests;

    /** Under the default resource policy ({@link ResourcePolicy#defaults()}). */
    public AslDeployer(CamelContext camelContext, ExecutionStore store, ResourceResolvers resolvers,
            ScheduledExecutorService timers) {
        this(camelContext, store, resolvers, timers, new TaskTokens());
    }

    /** @param tokens where .waitForTaskToken Tasks wait; under the default resource policy */
    public AslDeployer(CamelContext camelContext, ExecutionStore store, ResourceResolvers resolvers,
            ScheduledExecutorService timers, TaskTokens tokens) {
        this(camelContext, store, resolvers, timers, tokens, ResourcePolicy.defaults(), AllowedCamelHeaders.NONE);
    }

    /**
     * @param tokens              where .waitForTaskToken Tasks wait (the component's, shared by its state machines)
     * @param policy              which Resources a definition may call; one it denies fails the deployment
     * @param allowedCamelHeaders the headers named Camel* that Tasks may set (from their templates); none by default
     */
    public AslDeployer(CamelContext camelContext, ExecutionStore store, ResourceResolvers resolvers,
            ScheduledExecutorService timers, TaskTokens tokens, ResourcePolicy policy,
            AllowedCamelHeaders allowedCamelHeaders) {
        this(camelContext, store, resolvers, timers, tokens, policy, allowedCamelHeaders, ForwardedHeaders.NONE);
    }

    /**
     * @param forwardedHeaders which of the headers an execution is started with go on to its Tasks; none by
     *                         default (a Camel* one also needs {@code allowedCamelHeaders})
     */
    public AslDeployer(CamelContext camelContext, ExecutionStore store, ResourceResolvers resolvers,
            ScheduledExecutorService timers, TaskTokens tokens, ResourcePolicy policy,
            AllowedCamelHeaders allowedCamelHeaders, ForwardedHeaders forwardedHeaders) {
        this.allowedCamelHeaders = java.util.Objects.requireNonNull(allowedCamelHeaders, "allowedCamelHeaders");
        this.forwardedHeaders = java.util.Objects.requireNonNull(forwardedHeaders, "forwardedHeaders");
        this.camelContext = camelContext;
        this.store = store;
        this.resolvers = resolvers;
        // every EXPRESS execution schedules its 5-minute limit and cancels it when it ends: a JDK pool keeps a
        // cancelled timer, and the execution it holds, until it would have run, unless told to drop it (Camel's
        // own pools are)
        if (timers instanceof java.util.concurrent.ScheduledThreadPoolExecutor pool) {
            pool.setRemoveOnCancelPolicy(true);
        }
        this.timers = timers;
        this.tokens = tokens;
        this.policy = java.util.Objects.requireNonNull(policy, "policy");
    }

    /**
     * A deployer with the same resolvers, resource policy, headers, timers and tokens whose state machines keep
     * their executions in {@code otherStore} (TestState's one-Task runs: they call what a deployment may call,
     * and are no executions of the user's: its observers are not told of them either).
     */
    public AslDeployer withStore(ExecutionStore otherStore) {
        AslDeployer other = new AslDeployer(camelContext, otherStore, resolvers, timers, tokens, policy,
                allowedCamelHeaders, forwardedHeaders);
        other.expressMaxForTests = expressMaxForTests;
        other.clock = clock;
        other.listed = false; // another store: TestState's runs, not the application's state machines
        return other;
    }

    /**
     * A deployer like this one whose state machines read and schedule on {@code engineClock} (a
     * {@link io.github.camelasl.engine.VirtualClock} in tests), unless their {@link StateMachineConfig#clock()} is
     * set to another than the system's.
     */
    public AslDeployer withClock(EngineClock engineClock) {
        AslDeployer other = withStore(store);
        other.clock = java.util.Objects.requireNonNull(engineClock, "clock");
        other.observers = observers; // the same deployments, on another clock: still observed
        other.listed = listed;
        return other;
    }

    /** The clock given by {@link #withClock}, or null. */
    public EngineClock clock() {
        return clock;
    }

    /**
     * Tells {@code observer} of the state machines this deployer has deployed and will deploy (at once of those
     * still deployed), and of their executions from then on: see {@link ExecutionObserver}.
     */
    public AslDeployer addExecutionObserver(ExecutionObserver observer) {
        observers.add(observer);
        return this;
    }

    /** Shares {@code shared} (its component's): what is added there is told of this deployer's deployments. */
    AslDeployer observedBy(ExecutionObservers shared) {
        this.observers = shared;
        return this;
    }

    /**
     * Tests only: the state machines deployed from now on run EXPRESS executions at most {@code max}, instead of
     * AWS's 5 minutes ({@link StateMachineRuntime#EXPRESS_MAX_SECONDS}), so that a test of the limit through an API
     * that deploys for it need not wait 5 minutes.
     */
    public AslDeployer expressMaxDurationForTests(java.time.Duration max) {
        this.expressMaxForTests = max;
        return this;
    }

    /** Every problem in the definition text; empty when AWS (and the resource policy) would accept it. */
    public List<Diagnostic> validate(String definitionText, String type) {
        return validate(definitionText, type, true);
    }

    /**
     * @param consumersNow whether to warn of a direct:/seda: endpoint no route consumes now: not at deployment,
     *                     where the route that consumes it may start after the state machine (an application's
     *                     routes, a resumed execution's version redeployed); the Task says so if none has when it runs
     */
    List<Diagnostic> validate(String definitionText, String type, boolean consumersNow) {
        return DefinitionValidator.validate(definitionText, new ValidationOptions(type, this::resolvable,
                checks(consumersNow), allowedCamelHeaders));
    }

    /** False also when the resolver that knows the Resource refuses it (see {@link #checks(boolean)}). */
    private boolean resolvable(String resource) {
        try {
            return resolvers.resolve(resource).isPresent();
        } catch (ResourceRefusedException refused) {
            return false;
        }
    }

    /** Why the resolver that knows {@code resource} refuses it (a mapping, a connector), or null. */
    private String refusal(String resource) {
        try {
            resolvers.resolve(resource);
            return null;
        } catch (ResourceRefusedException refused) {
            return refused.getMessage();
        }
    }

    /**
     * The resolvers' checks of the Tasks they run, what to say of a Resource none of them runs, and the policy's
     * refusals.
     */
    private ResourceChecks checks(boolean consumersNow) {
        return new ResourceChecks() {
            @Override
            public List<ResourceProblem> check(String resource, JsonNode taskState) {
                return resolvers.check(resource, taskState);
            }

            @Override
            public String unsupported(String resource) {
                String refused = refusal(resource);
                if (refused != null) {
                    return refused;
                }
                String withoutPattern = runsWithoutPattern(resource);
                return withoutPattern != null ? withoutPattern : unsupportedResource(resource);
            }

            @Override
            public String notAllowed(String resource) {
                java.util.Optional<io.github.camelasl.resource.ResolvedResource> resolved;
                try {
                    resolved = resolvers.resolved(resource);
                } catch (ResourceRefusedException refused) {
                    return null; // reported as unsupported, with the resolver's reason
                }
                if (resolved.isEmpty()) {
                    return null; // nothing resolves it: reported as unsupported
                }
                ResourcePolicy.Decision decision = policy.decide(resolved.get());
                if (decision == null) {
                    return "the resource policy " + policy + " gave no decision";
                }
                return decision.allowed() ? null : decision.reason();
            }

            /** Asked of allowed Resources only: a refused one's URI is not even read here. */
            @Override
            public Unresolved unresolved(String resource) {
                java.util.Optional<io.github.camelasl.resource.ResolvedResource> resolved;
                try {
                    resolved = resolvers.resolved(resource);
                } catch (ResourceRefusedException refused) {
                    return null;
                }
                if (resolved.isEmpty()) {
                    return null;
                }
                String uri = resolved.get().uri();
                String notCreatable = EndpointReadiness.notCreatable(camelContext, uri);
                if (notCreatable != null) {
                    return new Unresolved(Diagnostic.Severity.ERROR, notCreatable);
                }
                // an activity's queue is consumed by workers that come and go: its tasks wait for them, as on AWS
                String notConsumed = !consumersNow
                        || resolved.get().resolution() == ResolvedResource.Resolution.ACTIVITY ? null
                        : EndpointReadiness.notConsumed(camelContext, uri);
                return notConsumed == null ? null : new Unresolved(Diagnostic.Severity.WARNING, notConsumed);
            }
        };
    }

    /** The integration patterns a Resource may end with. */
    private static final List<String> PATTERN_SUFFIXES = List.of(".sync:2", ".sync", ".waitForTaskToken");

    /**
     * When {@code resource} ends with an integration pattern and what runs it without the pattern is present (a
     * connector on the classpath, or a mapping), says so and names what it runs: adding a module that is already
     * there would not help. Null otherwise.
     */
    private String runsWithoutPattern(String resource) {
        if (resource == null || !resource.startsWith("arn:")) {
            return null;
        }
        String suffix = PATTERN_SUFFIXES.stream().filter(resource::endsWith).findFirst().orElse(null);
        if (suffix == null) {
            return null;
        }
        String base = resource.substring(0, resource.length() - suffix.length());
        java.util.Optional<ResolvedResource> resolved;
        try {
            resolved = resolvers.resolved(base);
        } catch (ResourceRefusedException refused) {
            return null;
        }
        if (resolved.isEmpty()) {
            return null;
        }
        String integration = AwsArns.parse(AwsArns.regionlessIntegration(base).orElse(base))
                .flatMap(AwsArns.Arn::integration).orElse(base);
        List<String> modules = IntegrationModules.of(integration);
        String runner = resolved.get().resolution() == ResolvedResource.Resolution.CONNECTOR && !modules.isEmpty()
                ? String.join(" and ", modules) + " " + (modules.size() > 1 ? "are" : "is") + " on the classpath and "
                  + (modules.size() > 1 ? "run" : "runs")
                : "The application's " + resolved.get().resolution().name().toLowerCase(java.util.Locale.ROOT)
                  .replace('_', ' ') + " runs";
        return "The resource provided " + resource + " is not supported: " + runner + " '" + integration
                + "', but not with the '" + suffix + "' integration pattern";
    }

    /** Names the Resource no resolver runs, and says how to make it run; null for AWS's wording. */
    static String unsupportedResource(String resource) {
        if (resource == null || resource.isEmpty()) {
            return null;
        }
        if (resource.startsWith("arn:")) {
            AwsArns.Arn arn = AwsArns.parse(AwsArns.regionlessIntegration(resource).orElse(resource)).orElse(null);
            if (arn == null || arn.service().isEmpty()) {
                return null; // not an ARN at all: AWS's "not a valid resource ARN" says it
            }
            String what = arn.integration().map(integration -> "the service integration '" + integration + "'")
                    .orElse("the '" + arn.service() + "' resource");
            List<String> modules = arn.integration().map(IntegrationModules::of)
                    .orElseGet(() -> IntegrationModules.ofResourceArn(arn.service()));
            String add = modules.isEmpty() ? "add the connector module that runs it"
                    : "add " + String.join(" and ", modules) + " to the classpath";
            return "The resource provided " + resource + " is not supported: no connector on the classpath and "
                    + "no resource mapping handles " + what + " (" + add + ", or map the ARN to a Camel endpoint "
                    + "with the resourceMappings option)";
        }
        int colon = resource.indexOf(':');
        if (colon > 0) {
            return "The resource provided " + resource + " is not recognized: it is not an ARN a connector or "
                    + "resource mapping handles, and '" + resource.substring(0, colon) + "' is not a Camel "
                    + "component known to the CamelContext";
        }
        return null;
    }

    /**
     * Validates, then adds the routes.
     *
     * @param source names the definition in error messages (a file or classpath URI)
     * @throws AslValidationException with every problem, when the definition is invalid
     */
    public StateMachineRuntime deploy(String source, String definitionText, StateMachineConfig config)
            throws Exception {
        return deploy(source, definitionText, config, java.util.Set.of());
    }

    /**
     * Validates, then adds the routes, with step caching for the Task states named in {@code cachedStates} ("*":
     * all of them; see StepCaching).
     */
    public StateMachineRuntime deploy(String source, String definitionText, StateMachineConfig config,
            java.util.Set<String> cachedStates) throws Exception {
        List<Diagnostic> diagnostics = validate(definitionText, config.type(), false);
        List<Diagnostic> problems = diagnostics.stream()
                .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
        if (!problems.isEmpty()) {
            throw new AslValidationException(source, problems);
        }
        diagnostics.forEach(warning -> LOG.warn("{}: {}", source, TerminalText.escape(warning.toString())));
        JsonNode json;
        try {
            json = Json.parse(definitionText);
        } catch (JsonProcessingException e) {
            throw new AslValidationException(source, List.of(Diagnostic.error("INVALID_JSON_DESCRIPTION",
                    e.getOriginalMessage(), "")));
        }
        StateMachine machine = DefinitionParser.parse(json);
        EngineClock deployerClock = clock;
        if (deployerClock != null && config.clock() == EngineClock.system()) {
            config = config.withClock(deployerClock);
        }
        // the clock's scheduler, if it has one, runs every timer of these state machines: a virtual clock's fires
        // them when the test moves it
        ScheduledExecutorService scheduler = config.clock().scheduler() != null ? config.clock().scheduler()
                : timers;
        String key = config.name().replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + DEPLOYMENTS.incrementAndGet();
        StepCaching caching;
        try {
            caching = StepCaching.of(cachedStates, machine, json, config.stateMachineArn(), store);
        } catch (IllegalArgumentException e) {
            throw new AslValidationException(source, List.of(Diagnostic.error("INVALID_CACHED_STATES",
                    e.getMessage(), "")));
        }
        StateMachineRoutes routes = new StateMachineRoutes(key, machine, scheduler,
                resource -> resolvers.resolve(resource).orElseThrow(() -> new IllegalStateException(
                        "no endpoint for Resource '" + resource + "' (validation should have refused it)")),
                caching, tokens, allowedCamelHeaders, forwardedHeaders, config.clock());
        addAndStart(camelContext, routes);
        StateMachineRuntime runtime = new StateMachineRuntime(camelContext, machine, definitionText, config, store,
                tokens, scheduler, routes.driverUri(), routes.routeIds(), routes.pools(), observers);
        java.time.Duration expressMax = expressMaxForTests;
        if (expressMax != null) {
            runtime.expressMaxDurationForTests(expressMax);
        }
        if (listed && camelContext != null) {
            // a Task calling Step Functions (states:startExecution, aws-sdk:sfn:*) starts it here, until undeployed
            io.github.camelasl.engine.DeployedStateMachines.of(camelContext).add(runtime);
        }
        return runtime;
    }

    /**
     * As camel-kamelet does: adds the routes' definitions, then starts those the context did not start itself (it
     * does not while it is starting, which is when an asl: endpoint in a route is deployed).
     */
    static void addAndStart(CamelContext camelContext, org.apache.camel.builder.RouteBuilder routes)
            throws Exception {
        ModelCamelContext model = (ModelCamelContext) camelContext;
        List<RouteDefinition> definitions = routes.configureRoutes(camelContext).getRoutes();
        model.addRouteDefinitions(definitions);
        List<RouteDefinition> notStarted = definitions.stream().filter(def -> {
            ServiceStatus status = camelContext.getRouteController().getRouteStatus(def.getRouteId());
            return status == null || !status.isStarted();
        }).toList();
        if (!notStarted.isEmpty()) {
            model.startRouteDefinitions(notStarted);
        }
    }
}
