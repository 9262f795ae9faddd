package io.github.camelasl;

import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.history.HistoryListener;
import io.github.camelasl.resource.ResourceMapping;
import io.github.camelasl.resource.ResourcePolicy;
import io.github.camelasl.resource.ResourceResolver;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.route.AllowedCamelHeaders;
import io.github.camelasl.route.ForwardedHeaders;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.store.InMemoryExecutionStore;
import io.github.camelasl.store.SqliteExecutionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.VetoCamelContextStartException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.LifecycleStrategySupport;

/** The {@code asl:} component: runs Amazon States Language state machines as Camel routes. */
@Component("asl")
public class AslComponent extends DefaultComponent {

    @Metadata(description = "The region used to build state machine and execution ARNs.",
              defaultValue = StateMachineConfig.DEFAULT_REGION)
    private String region = StateMachineConfig.DEFAULT_REGION;
    @Metadata(description = "The account id used to build state machine and execution ARNs.",
              defaultValue = StateMachineConfig.DEFAULT_ACCOUNT)
    private String accountId = StateMachineConfig.DEFAULT_ACCOUNT;
    @Metadata(label = "advanced", autowired = true,
              description = "Where executions and their history are kept, whatever their type. When not set, STANDARD "
                            + "executions go to the store the 'store' option names and EXPRESS ones stay in memory.")
    private ExecutionStore executionStore;
    @Metadata(description = "The store STANDARD executions are kept in when no executionStore is set: 'sqlite', a "
                            + "durable SQLite file in storeFolder (executions resume after a restart), or 'memory'. "
                            + "The default is the system property camel.asl.store, else sqlite.",
              enums = "sqlite,memory", defaultValue = "sqlite")
    private String store = System.getProperty(STORE_PROPERTY, "sqlite");
    @Metadata(description = "The folder of the SQLite execution store (created if missing; locked while in use).",
              defaultValue = DEFAULT_STORE_FOLDER)
    private String storeFolder = DEFAULT_STORE_FOLDER;
    @Metadata(description = "How many finished executions the in-memory store keeps (EXPRESS ones, and STANDARD "
                            + "ones with store=memory), oldest forgotten first; fewer when their histories are long "
                            + "or their inputs and outputs wide.",
              defaultValue = "" + InMemoryExecutionStore.DEFAULT_MAX_FINISHED)
    private int finishedInMemory = InMemoryExecutionStore.DEFAULT_MAX_FINISHED;
    @Metadata(label = "advanced", description = "Resolvers that map Task Resources (ARNs) to Camel endpoint URIs, "
                                                + "tried before those found in the registry and plain Camel URIs.")
    private List<ResourceResolver> resourceResolvers = new ArrayList<>();
    @Metadata(description = "Comma-separated locations (classpath: or file:) of resource mapping files, "
                            + ".properties or .json, whose rules map Task Resources (ARN patterns) to Camel "
                            + "endpoint URIs. Mappings are tried before every other resolver, connectors included; "
                            + "the first matching rule wins.")
    private String resourceMappings;
    @Metadata(label = "security",
              description = "Comma-separated glob patterns ('*' matches any run of characters) of Resources a "
                            + "definition may call although the resource policy would deny them, matched against "
                            + "the Resource as written or the Camel URI it resolves to (e.g. exec:*, "
                            + "bean:com.acme.Functions*). They do not allow a Resource with a property placeholder, "
                            + "a Simple expression or a bean reference in its options.")
    private String allowedResources;
    @Metadata(label = "security",
              description = "Comma-separated glob patterns of Resources a definition may not call, whatever else "
                            + "allows them (e.g. direct:admin-*,http:*); checked first.")
    private String deniedResources;
    @Metadata(label = "security",
              description = "Comma-separated folders whose files (sub-folders included) file: Resources may use; "
                            + "without it no file: Resource is allowed.")
    private String allowedFolders;
    @Metadata(label = "security", defaultValue = "false",
              description = "Use the strict resource policy: only connectors, resource mappings, resolvers, "
                            + "activities, direct:, seda:, files in allowedFolders and allowedResources are "
                            + "allowed. For definitions that come from outside the application.")
    private boolean strictResourcePolicy;
    @Metadata(label = "security", autowired = true,
              description = "A ResourcePolicy deciding which Resources a definition may call, in place of the "
                            + "built-in one (deniedResources and allowedResources still apply first).")
    private ResourcePolicy resourcePolicy;
    @Metadata(label = "limits", description = "The limits executions of every state machine run under, unless an "
                                             + "endpoint sets its own: default or aws (see the endpoint's option).",
              enums = "default,aws", defaultValue = "default")
    private String limits;
    @Metadata(label = "limits", description = "The endpoints' maxPayloadSize, unless one sets its own.")
    private Integer maxPayloadSize;
    @Metadata(label = "limits", description = "The endpoints' maxNestingDepth, unless one sets its own.")
    private Integer maxNestingDepth;
    @Metadata(label = "limits", description = "The endpoints' maxHistoryEvents, unless one sets its own.")
    private Integer maxHistoryEvents;
    @Metadata(label = "advanced", autowired = true,
              description = "Told of every history event of every execution as it is written (a live trace).")
    private HistoryListener historyListener;
    @Metadata(label = "advanced", autowired = true,
              description = "The clock every execution of the component's state machines reads and schedules its "
                            + "Waits, back-offs, timeouts and heartbeats on: a VirtualClock in tests (time moves when "
                            + "the test moves it). The system clock by default.")
    private io.github.camelasl.engine.EngineClock clock;
    @Metadata(label = "security",
              description = "Comma-separated names of headers starting with Camel (compared ignoring case, e.g. "
                            + "CamelFileName) that may reach Tasks' endpoints: set by a Task's CamelAslHeaders "
                            + "template, or passed on from the headers an execution is started with. Camel's "
                            + "components act on such headers (CamelExecCommandExecutable runs a command, "
                            + "CamelHttpUri redirects a call), so by default none is: a template naming one is "
                            + "refused at deployment (HEADER_NOT_ALLOWED) and the caller's are not passed on.")
    private String allowedCamelHeaders;
    @Metadata(label = "security",
              description = "Comma-separated names of the headers an execution is started with that go on to its "
                            + "Tasks' endpoints, compared ignoring case; an asterisk in a name matches any run of "
                            + "characters. Components act on headers whatever their prefix (kafka.OVERRIDE_TOPIC "
                            + "redirects a send, JMSReplyTo, a mail's To and Bcc), and a caller's headers may come "
                            + "from outside (an HTTP client's), so by default none goes on: a Task's headers are "
                            + "the engine's own and those its CamelAslHeaders template writes. A name starting with "
                            + "Camel goes on only if allowedCamelHeaders names it too.")
    private String forwardedHeaders;
    @Metadata(label = "api",
              description = "Serves AWS's Step Functions API (JSON 1.0 over HTTP, for the AWS SDKs and CLI) at this "
                            + "path (e.g. /stepfunctions) on the application's camel-platform-http server, whose engine "
                            + "must be camel-platform-http-vertx (camel-main's camel.server.*). Needs camel-asl-server on "
                            + "the classpath. State machines created through it are kept in the STANDARD executions' "
                            + "store. Without apiCredentialsFile it answers callers on this host only.")
    private String apiContextPath;
    @Metadata(label = "api,security",
              description = "With apiContextPath: an AWS credentials file (as ~/.aws/credentials, [profile] sections "
                            + "with aws_access_key_id and aws_secret_access_key); every request to the API must be "
                            + "signed (AWS Signature Version 4) with one of its keys, and callers may be anywhere.")
    private String apiCredentialsFile;
    @Metadata(label = "api,security",
              description = "With apiCredentialsFile: the one region request signatures must be scoped to (e.g. "
                            + "eu-west-1); by default any region will do.")
    private String apiSigningRegion;
    @Metadata(label = "api",
              description = "With apiContextPath: serves the web console (state machines, executions, their graphs "
                            + "and live progress, actions through the Step Functions API) at this path on the same "
                            + "server, with the API's security (with apiCredentialsFile, a login with one of its "
                            + "keys). By default /asl; false (or an empty value, where the configuration takes one) serves "
                            + "no console.")
    private String consoleContextPath;
    /** The options parsed once: every execution started here reads them. */
    private volatile AllowedCamelHeaders parsedAllowedCamelHeaders = AllowedCamelHeaders.NONE;
    private volatile ForwardedHeaders parsedForwardedHeaders = ForwardedHeaders.NONE;

    /** Where the web console is served, with apiContextPath, unless consoleContextPath says otherwise. */
    public static final String DEFAULT_CONSOLE_CONTEXT_PATH = "/asl";

    /** The system property giving the default of the {@code store} option. */
    public static final String STORE_PROPERTY = "camel.asl.store";
    public static final String DEFAULT_STORE_FOLDER = "camel-asl-store";

    /** EXPRESS executions' store when no executionStore is set (AWS keeps none of them durably either). */
    private ExecutionStore expressStore;
    /** STANDARD executions' store when no executionStore is set: opened at the first STANDARD deployment. */
    private ExecutionStore standardStore;

    private ScheduledExecutorService timers;
    /** The .waitForTaskToken Tasks waiting, for the sendTask* operations; shared by all state machines here. */
    private final io.github.camelasl.engine.TaskTokens taskTokens = new io.github.camelasl.engine.TaskTokens();
    /** Threads that run what follows a Wait or a back-off (as Camel's own delayer pool has). */
    private static final int TIMER_THREADS = 10;
    private ResourceMapping loadedMappings;
    private final DeferredDeployments deployments = new DeferredDeployments();

    /**
     * Routes cannot be added while the CamelContext is still building its own: endpoints created then are
     * deployed once the context is initialized (as camel-kamelet does), later ones at once.
     */
    private final class DeferredDeployments extends LifecycleStrategySupport {
        private final List<AslEndpoint> pending = new ArrayList<>();
        private boolean initialized;
        private boolean apiAdded;

        synchronized void deploy(AslEndpoint endpoint) throws Exception {
            if (initialized) {
                endpoint.deploy();
            } else {
                pending.add(endpoint);
            }
        }

        @Override
        public synchronized void onContextInitialized(CamelContext context) throws VetoCamelContextStartException {
            initialized = true;
            for (AslEndpoint endpoint : pending) {
                try {
                    endpoint.deploy();
                } catch (Exception e) {
                    throw new VetoCamelContextStartException(e.getMessage(), e, context);
                }
            }
            pending.clear();
            // the API's routes too: the options are all set by now (camel-main sets them after creating the
            // component, so they are not yet in doInit)
            if (!apiAdded) {
                apiAdded = true;
                try {
                    addApiRoutes(context);
                } catch (Exception e) {
                    throw new VetoCamelContextStartException(e.getMessage(), e, context);
                }
            }
        }
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining.startsWith(io.github.camelasl.nested.NestedEndpoint.PREFIX)) {
            if (!parameters.isEmpty()) {
                throw new IllegalArgumentException("asl:" + remaining + " has no options; unknown: "
                        + parameters.keySet());
            }
            return new io.github.camelasl.nested.NestedEndpoint(uri, this,
                    remaining.substring(io.github.camelasl.nested.NestedEndpoint.PREFIX.length()));
        }
        if (remaining.startsWith("activity:")) {
            // its one option is set here: the component's generated configurer is the asl: endpoint's
            ActivityEndpoint activity = new ActivityEndpoint(uri, this, remaining.substring("activity:".length()));
            Object autoReply = parameters.remove("autoReply");
            if (autoReply != null) {
                activity.setAutoReply(Boolean.parseBoolean(String.valueOf(autoReply)));
            }
            if (!parameters.isEmpty()) {
                throw new IllegalArgumentException("asl:activity: has one option, autoReply; unknown: "
                        + parameters.keySet());
            }
            return activity;
        }
        AslEndpoint endpoint = new AslEndpoint(uri, this, remaining);
        endpoint.setRegion(region);
        endpoint.setAccountId(accountId);
        endpoint.setLimits(limits);
        endpoint.setMaxPayloadSize(maxPayloadSize);
        endpoint.setMaxNestingDepth(maxNestingDepth);
        endpoint.setMaxHistoryEvents(maxHistoryEvents);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        getCamelContext().addLifecycleStrategy(deployments);
        if (getCamelContext().isRunAllowed()) {
            deployments.onContextInitialized(getCamelContext());
        }
        if (!"sqlite".equals(store) && !"memory".equals(store)) {
            throw new IllegalArgumentException("The asl component's store option must be 'sqlite' or 'memory', but "
                    + "was '" + store + "'");
        }
        // Wait states, retry back-offs and timeouts. Unbounded: Camel's default scheduled pool queues at most 1,000
        // tasks and runs the rest on the caller's thread, which for a Wait means sleeping there (and for a timeout,
        // firing at once). Waiting executions hold no thread; the pool's threads only run what comes after a wait.
        timers = getCamelContext().getExecutorServiceManager().newScheduledThreadPool(this, "asl-timers",
                new org.apache.camel.builder.ThreadPoolProfileBuilder("asl-timers")
                        .poolSize(TIMER_THREADS).maxQueueSize(-1).build());
    }

    /**
     * With apiContextPath, adds the Step Functions API's routes, from camel-asl-server's factory; a clear error when
     * it is missing.
     */
    private void addApiRoutes(CamelContext context) throws Exception {
        if (apiSigningRegion != null && apiCredentialsFile == null) {
            throw new IllegalArgumentException("The asl component's apiSigningRegion option needs "
                    + "apiCredentialsFile, the keys requests are signed with");
        }
        if (apiContextPath == null) {
            if (consoleContextPath != null && !consoleContextPath.isEmpty()) {
                throw new IllegalArgumentException("The asl component's consoleContextPath option needs "
                        + "apiContextPath: the console stands beside the Step Functions API");
            }
            if (apiCredentialsFile != null) {
                throw new IllegalArgumentException("The asl component's apiCredentialsFile option needs "
                        + "apiContextPath, the path the Step Functions API is served at");
            }
            return;
        }
        if (!apiContextPath.startsWith("/") || apiContextPath.chars().anyMatch(c -> c <= ' ' || c == '?'
                || c == '#' || c == '{' || c == '}')) {
            throw new IllegalArgumentException("The asl component's apiContextPath option must be an HTTP path "
                    + "starting with / (e.g. /stepfunctions), without spaces, ?, #, { or }, but was '"
                    + apiContextPath + "'");
        }
        String console = consoleContextPath == null ? DEFAULT_CONSOLE_CONTEXT_PATH
                : consoleContextPath.isEmpty() ? null : consoleContextPath;
        if (apiContextPath.equals(console)) {
            throw new IllegalArgumentException("The asl component's consoleContextPath option must differ from "
                    + "apiContextPath (both are " + console + "): the console and the API each need a path");
        }
        AslApiRoutesFactory factory = context.getCamelContextExtension().getDefaultFactoryFinder()
                .newInstance(AslApiRoutesFactory.FACTORY, AslApiRoutesFactory.class)
                .orElseThrow(() -> new IllegalArgumentException("The asl component's apiContextPath option ("
                        + apiContextPath + ") serves the Step Functions API, which is in camel-asl-server: add the "
                        + "io.github.camelasl:camel-asl-server dependency (with a camel-platform-http server, e.g. "
                        + "camel-platform-http-main for camel-main), or remove the option"));
        AslDeployer.addAndStart(context, factory.create(this, apiContextPath, apiCredentialsFile,
                apiSigningRegion, console));
    }

    void deployWhenReady(AslEndpoint endpoint) throws Exception {
        deployments.deploy(endpoint);
    }

    @Override
    protected void doShutdown() throws Exception {
        getCamelContext().getLifecycleStrategies().remove(deployments);
        if (timers != null) {
            getCamelContext().getExecutorServiceManager().shutdown(timers);
            timers = null;
        }
        synchronized (this) {
            loadedMappings = null;
            if (standardStore != null) {
                standardStore.close();
                standardStore = null;
            }
            expressStore = null;
        }
        super.doShutdown();
    }

    /** Deployed state machines by ARN, shared by the endpoints naming them. Guarded by this. */
    private final Map<String, StateMachineDeployment> deployed = new java.util.HashMap<>();

    /**
     * The deployment of a state machine for an endpoint: the one already made for another endpoint naming it
     * with the same definition, else a new one, whose unfinished executions (on a durable store) are resumed
     * once the CamelContext has started.
     */
    synchronized StateMachineDeployment acquire(String source, String text, StateMachineConfig config,
            int parkInMemorySeconds, java.util.Set<String> cachedStates) throws Exception {
        String arn = config.stateMachineArn();
        StateMachineDeployment existing = deployed.get(arn);
        if (existing != null) {
            if (!existing.definition().equals(text) || !existing.runtime().config().equals(config)
                    || !existing.cachedStates().equals(cachedStates)) {
                throw new IllegalArgumentException("asl:" + config.name() + " (" + source + ") names state machine "
                        + arn + ", which another asl: endpoint deploys with a different definition or options: "
                        + "give one of them another name");
            }
            existing.users++;
            return existing;
        }
        AslDeployer deployer = deployer(config.type());
        StateMachineDeployment deployment = new StateMachineDeployment(source, text,
                deployer.deploy(source, text, config, cachedStates), deployer, parkInMemorySeconds, cachedStates);
        deployment.users = 1;
        deployed.put(arn, deployment);
        if (deployment.runtime().store().durable()) {
            resumeWhenStarted(deployment);
        }
        return deployment;
    }

    synchronized StateMachineDeployment deployed(String stateMachineArn) {
        return deployed.get(stateMachineArn);
    }

    /**
     * The runtimes of the state machines named {@code name} that asl: endpoints of this component deploy (one per
     * type, region or account it is deployed with; usually one), for code that drives them directly (the test kit).
     */
    public synchronized List<io.github.camelasl.engine.StateMachineRuntime> deployedStateMachines(String name) {
        return deployed.values().stream().map(StateMachineDeployment::runtime)
                .filter(runtime -> runtime.config().name().equals(name)).toList();
    }

    /** The names of the state machines asl: endpoints of this component deploy. */
    public synchronized java.util.SortedSet<String> deployedStateMachineNames() {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        deployed.values().forEach(deployment -> names.add(deployment.runtime().config().name()));
        return names;
    }

    synchronized void release(StateMachineDeployment deployment) throws Exception {
        if (--deployment.users == 0) {
            deployed.remove(deployment.runtime().config().stateMachineArn(), deployment);
            deployment.undeploy();
        }
    }

    /** Resumes once the context has started: the routes a resumed execution runs on must be running. */
    private void resumeWhenStarted(StateMachineDeployment deployment) throws Exception {
        java.util.concurrent.atomic.AtomicBoolean resumed = new java.util.concurrent.atomic.AtomicBoolean();
        getCamelContext().addStartupListener(new org.apache.camel.StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) throws Exception {
                if (alreadyStarted && resumed.compareAndSet(false, true)) {
                    resume(deployment); // deployed into a running context: its routes are running
                }
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
                if (resumed.compareAndSet(false, true)) {
                    resume(deployment);
                }
            }
        });
    }

    private void resume(StateMachineDeployment deployment) throws Exception {
        deployment.resumeUnfinished(historyListener == null ? List.of() : List.of(historyListener));
    }

    /**
     * The deployer endpoints of this type use; created with the type's store and the component's resolvers (public
     * for the Step Functions API, which deploys the state machines created through it with it).
     */
    public AslDeployer deployer(String type) {
        AslDeployer deployer = new AslDeployer(getCamelContext(), executionStore(type),
                new ResourceResolvers(getCamelContext(), mappings(), resourceResolvers), timers, taskTokens,
                effectivePolicy(), allowedCamelHeaders(), forwardedHeaders()).observedBy(executionObservers);
        io.github.camelasl.engine.EngineClock engineClock = clock;
        // withClock keeps the observers: what this component deploys is observed whatever its clock
        return engineClock == null ? deployer : deployer.withClock(engineClock);
    }

    /** Told of every deployment of this component, present and future, and of their executions. */
    private final io.github.camelasl.engine.ExecutionObservers executionObservers =
            new io.github.camelasl.engine.ExecutionObservers();

    /**
     * Tells {@code observer} of every state machine this component deploys (those deployed now at once, through an
     * asl: endpoint or the Step Functions API) and of their executions: history events, the Choice rules that
     * decide, the Retriers and Catchers that take errors. The test kit's path coverage listens here.
     */
    public void addExecutionObserver(io.github.camelasl.engine.ExecutionObserver observer) {
        executionObservers.add(observer);
    }

    /** The allowedCamelHeaders option, parsed. */
    AllowedCamelHeaders allowedCamelHeaders() {
        return parsedAllowedCamelHeaders;
    }

    /** The forwardedHeaders option, parsed, under the allowedCamelHeaders option. */
    ForwardedHeaders forwardedHeaders() {
        return parsedForwardedHeaders;
    }

    /**
     * The resourcePolicy set, else the one ResourcePolicy bean in the registry (looked up at each deployment, so a bean
     * bound after the component was created counts), else the built-in policy the options choose; under the option
     * patterns.
     */
    ResourcePolicy effectivePolicy() {
        ResourcePolicy base = resourcePolicy;
        if (base == null) {
            Map<String, ResourcePolicy> beans =
                    getCamelContext().getRegistry().findByTypeWithName(ResourcePolicy.class);
            if (beans != null && beans.size() > 1) {
                throw new IllegalArgumentException("The registry holds " + beans.size() + " ResourcePolicy beans "
                        + new java.util.TreeSet<>(beans.keySet()) + ": set the asl component's resourcePolicy option "
                        + "to the one definitions run under");
            }
            base = beans == null || beans.isEmpty() ? null : beans.values().iterator().next();
        }
        if (base == null) {
            List<java.nio.file.Path> folders = split(allowedFolders).stream().map(java.nio.file.Path::of).toList();
            base = strictResourcePolicy ? ResourcePolicy.strict(folders) : ResourcePolicy.defaults(folders);
        }
        return base.withPatterns(split(allowedResources), split(deniedResources));
    }

    private static List<String> split(String list) {
        return list == null ? List.of() : java.util.Arrays.stream(list.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    /**
     * The store executions of a type (STANDARD, EXPRESS) go to: the executionStore when set; else EXPRESS ones in
     * memory and STANDARD ones in the store the {@code store} option names.
     */
    public synchronized ExecutionStore executionStore(String type) {
        if (executionStore != null) {
            return executionStore;
        }
        if ("EXPRESS".equals(type) || "memory".equals(store)) {
            // with store=memory, one in-memory store holds both types
            if (expressStore == null) {
                expressStore = new InMemoryExecutionStore(finishedInMemory);
            }
            return expressStore;
        }
        if (standardStore == null) {
            standardStore = SqliteExecutionStore.open(java.nio.file.Path.of(storeFolder));
        }
        return standardStore;
    }

    /** The {@code resourceMappings} files, read once; a problem in them fails the deployment, naming it. */
    private synchronized List<ResourceMapping> mappings() {
        if (resourceMappings == null || resourceMappings.isBlank()) {
            return List.of();
        }
        if (loadedMappings == null) {
            loadedMappings = ResourceMapping.load(getCamelContext(), resourceMappings);
        }
        return List.of(loadedMappings);
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getAccountId() {
        return accountId;
    }

    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }

    /**
     * The executionStore set, or null. A plain getter (Camel's autowiring reads it while configuring the component,
     * before storeFolder may be set): the store executions use is {@link #executionStore(String)}.
     */
    public ExecutionStore getExecutionStore() {
        return executionStore;
    }

    public void setExecutionStore(ExecutionStore executionStore) {
        this.executionStore = executionStore;
    }

    /** The tokens .waitForTaskToken Tasks of this component's state machines wait for. */
    public io.github.camelasl.engine.TaskTokens taskTokens() {
        return taskTokens;
    }

    public String getStore() {
        return store;
    }

    public void setStore(String store) {
        this.store = store;
    }

    public String getStoreFolder() {
        return storeFolder;
    }

    public void setStoreFolder(String storeFolder) {
        this.storeFolder = storeFolder;
    }

    public int getFinishedInMemory() {
        return finishedInMemory;
    }

    public void setFinishedInMemory(int finishedInMemory) {
        if (finishedInMemory < 0) {
            throw new IllegalArgumentException("finishedInMemory must be 0 or more, not " + finishedInMemory);
        }
        this.finishedInMemory = finishedInMemory;
    }

    public String getLimits() {
        return limits;
    }

    public void setLimits(String limits) {
        this.limits = limits;
    }

    public Integer getMaxPayloadSize() {
        return maxPayloadSize;
    }

    public void setMaxPayloadSize(Integer maxPayloadSize) {
        this.maxPayloadSize = maxPayloadSize;
    }

    public Integer getMaxNestingDepth() {
        return maxNestingDepth;
    }

    public void setMaxNestingDepth(Integer maxNestingDepth) {
        this.maxNestingDepth = maxNestingDepth;
    }

    public Integer getMaxHistoryEvents() {
        return maxHistoryEvents;
    }

    public void setMaxHistoryEvents(Integer maxHistoryEvents) {
        this.maxHistoryEvents = maxHistoryEvents;
    }

    public io.github.camelasl.engine.EngineClock getClock() {
        return clock;
    }

    /** Applies to the state machines deployed from now on (set it before the CamelContext starts). */
    public void setClock(io.github.camelasl.engine.EngineClock clock) {
        this.clock = clock;
    }

    public HistoryListener getHistoryListener() {
        return historyListener;
    }

    public void setHistoryListener(HistoryListener historyListener) {
        this.historyListener = historyListener;
    }

    public String getResourceMappings() {
        return resourceMappings;
    }

    public synchronized void setResourceMappings(String resourceMappings) {
        this.resourceMappings = resourceMappings;
        this.loadedMappings = null;
    }

    public String getAllowedCamelHeaders() {
        return allowedCamelHeaders;
    }

    public synchronized void setAllowedCamelHeaders(String allowedCamelHeaders) {
        this.allowedCamelHeaders = allowedCamelHeaders;
        this.parsedAllowedCamelHeaders = AllowedCamelHeaders.parse(allowedCamelHeaders);
        this.parsedForwardedHeaders = ForwardedHeaders.parse(forwardedHeaders, parsedAllowedCamelHeaders);
    }

    public String getForwardedHeaders() {
        return forwardedHeaders;
    }

    public synchronized void setForwardedHeaders(String forwardedHeaders) {
        this.forwardedHeaders = forwardedHeaders;
        this.parsedForwardedHeaders = ForwardedHeaders.parse(forwardedHeaders, parsedAllowedCamelHeaders);
    }

    public String getAllowedResources() {
        return allowedResources;
    }

    public void setAllowedResources(String allowedResources) {
        this.allowedResources = allowedResources;
    }

    public String getDeniedResources() {
        return deniedResources;
    }

    public void setDeniedResources(String deniedResources) {
        this.deniedResources = deniedResources;
    }

    public String getAllowedFolders() {
        return allowedFolders;
    }

    public void setAllowedFolders(String allowedFolders) {
        this.allowedFolders = allowedFolders;
    }

    public boolean isStrictResourcePolicy() {
        return strictResourcePolicy;
    }

    public void setStrictResourcePolicy(boolean strictResourcePolicy) {
        this.strictResourcePolicy = strictResourcePolicy;
    }

    public ResourcePolicy getResourcePolicy() {
        return resourcePolicy;
    }

    public void setResourcePolicy(ResourcePolicy resourcePolicy) {
        this.resourcePolicy = resourcePolicy;
    }

    public String getApiContextPath() {
        return apiContextPath;
    }

    public void setApiContextPath(String apiContextPath) {
        this.apiContextPath = apiContextPath == null || apiContextPath.isBlank() ? null : apiContextPath.strip();
    }

    public String getConsoleContextPath() {
        return consoleContextPath;
    }

    /**
     * Null: the default ({@value #DEFAULT_CONSOLE_CONTEXT_PATH}); empty, blank or {@code false}: no console (camel-main
     * refuses an empty property value, hence false).
     */
    public void setConsoleContextPath(String consoleContextPath) {
        String path = consoleContextPath == null ? null : consoleContextPath.strip();
        this.consoleContextPath = "false".equalsIgnoreCase(path) ? "" : path;
    }

    public String getApiCredentialsFile() {
        return apiCredentialsFile;
    }

    public void setApiCredentialsFile(String apiCredentialsFile) {
        this.apiCredentialsFile = apiCredentialsFile == null || apiCredentialsFile.isBlank() ? null
                : apiCredentialsFile.strip();
    }

    public String getApiSigningRegion() {
        return apiSigningRegion;
    }

    public void setApiSigningRegion(String apiSigningRegion) {
        this.apiSigningRegion = apiSigningRegion == null || apiSigningRegion.isBlank() ? null
                : apiSigningRegion.strip();
    }

    public List<ResourceResolver> getResourceResolvers() {
        return resourceResolvers;
    }

    public void setResourceResolvers(List<ResourceResolver> resourceResolvers) {
        this.resourceResolvers = resourceResolvers;
    }
}
