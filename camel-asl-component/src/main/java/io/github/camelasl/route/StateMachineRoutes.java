package io.github.camelasl.route;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslConstants;
import io.github.camelasl.engine.EngineClock;
import io.github.camelasl.engine.FailurePolicy;
import io.github.camelasl.engine.InlineStates;
import io.github.camelasl.engine.ItemReading;
import io.github.camelasl.engine.MapStep;
import io.github.camelasl.engine.ParallelStep;
import io.github.camelasl.engine.ResultWriting;
import io.github.camelasl.engine.Scope;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.engine.StepCaching;
import io.github.camelasl.engine.TaskTokens;
import io.github.camelasl.engine.TokenWait;
import io.github.camelasl.engine.SubMachineRun;
import io.github.camelasl.engine.TaskStep;
import io.github.camelasl.engine.WaitStep;
import io.github.camelasl.model.MapState;
import io.github.camelasl.model.ParallelState;
import io.github.camelasl.model.State;
import io.github.camelasl.model.StateMachine;
import io.github.camelasl.model.TaskState;
import io.github.camelasl.model.WaitState;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.TryDefinition;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * Translates a state machine into Camel routes: one route per state that calls out, waits or fans out, so
 * Camel's tooling shows their counts and timings, and one driver route per (sub-)machine that loops over "the
 * current state" (a loop, not recursion, so a Choice back-edge can run a million times on a flat stack). The
 * states that only move data (Pass, Choice, Succeed, Fail) run in the driver itself: see {@link InlineStates}.
 *
 * <pre>
 * driver:   direct:asl-KEY-drv-N  loopDoWhile(scope not finished) process(StateDispatcher: inline states, then
 *                                                                 the current state's route)
 * Task:     process(task[endpoint]: prepare, call, complete, Retry/Catch; see TaskStateProcessor)
 * callback: process(prepare, register token) task[endpoint] process(submitted) wait for token process(complete)
 * Wait:     process(prepare) process(ScopeDelay: asynchronous, stopped by a failed sibling) process(complete)
 * Parallel: process(prepare) multicast(parallel) to(branch drivers...) process(complete)
 * Map:      process(prepare) split(items, parallel) to(MaxConcurrency gate, item processor driver) process(complete)
 * </pre>
 *
 * Every other state route runs in a doTry whose doCatch applies the state's Retry and Catch.
 */
public class StateMachineRoutes extends RouteBuilder {

    private final String key;
    private final StateMachine machine;
    /** The Camel endpoint URI that serves a Resource (a Task's, a Map ItemReader's). */
    private final Function<String, String> resourceEndpoints;
    private final StepCaching caching;
    private final TaskTokens tokens;
    private final AllowedCamelHeaders allowedCamelHeaders;
    private final ForwardedHeaders forwardedHeaders;
    /** The component's unbounded scheduler: Camel's default delayer pool would sleep on the caller past 1,000. */
    private final ScheduledExecutorService timers;
    private final EngineClock clock;
    private final Map<State, String> stateUris = new IdentityHashMap<>();
    private final List<String> routeIds = new ArrayList<>();
    private final List<ExecutorService> pools = new ArrayList<>();
    /** See {@link #tokenWaitWorker()}; made for the first callback Task. */
    private java.util.concurrent.Executor tokenWaitWorker;
    private int drivers;
    private int entries;
    private String topDriverUri;

    /**
     * @param key           unique among the state machines of the CamelContext; prefixes every route id
     * @param machine       the validated model
     * @param timers        runs Wait states and retry back-offs (unbounded: see AslComponent)
     * @param resourceEndpoints gives the Camel endpoint URI that serves a Resource (a Task's, an ItemReader's)
     */
    public StateMachineRoutes(String key, StateMachine machine, ScheduledExecutorService timers,
            Function<String, String> resourceEndpoints) {
        this(key, machine, timers, resourceEndpoints, StepCaching.NONE, new TaskTokens());
    }

    /**
     * @param caching the Task states whose recorded results are reused (see StepCaching)
     * @param tokens  where .waitForTaskToken Tasks wait for their tokens (the component's)
     */
    public StateMachineRoutes(String key, StateMachine machine, ScheduledExecutorService timers,
            Function<String, String> resourceEndpoints, StepCaching caching, TaskTokens tokens) {
        this(key, machine, timers, resourceEndpoints, caching, tokens, AllowedCamelHeaders.NONE,
                ForwardedHeaders.NONE);
    }

    /**
     * @param allowedCamelHeaders the Camel* headers the app lets reach its Tasks' endpoints
     * @param forwardedHeaders    the headers an execution is started with that go on to its Tasks' endpoints
     */
    public StateMachineRoutes(String key, StateMachine machine, ScheduledExecutorService timers,
            Function<String, String> resourceEndpoints, StepCaching caching, TaskTokens tokens,
            AllowedCamelHeaders allowedCamelHeaders, ForwardedHeaders forwardedHeaders) {
        this(key, machine, timers, resourceEndpoints, caching, tokens, allowedCamelHeaders, forwardedHeaders,
                EngineClock.system());
    }

    /**
     * @param timers the clock's scheduler when it has one (see AslDeployer)
     * @param clock  the clock the state machine's executions run on: every pool its work runs on is handed to
     *               its {@link EngineClock#observe}
     */
    public StateMachineRoutes(String key, StateMachine machine, ScheduledExecutorService timers,
            Function<String, String> resourceEndpoints, StepCaching caching, TaskTokens tokens,
            AllowedCamelHeaders allowedCamelHeaders, ForwardedHeaders forwardedHeaders, EngineClock clock) {
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        this.allowedCamelHeaders = allowedCamelHeaders;
        this.forwardedHeaders = forwardedHeaders;
        this.key = key;
        this.machine = machine;
        this.timers = timers;
        this.resourceEndpoints = resourceEndpoints;
        this.caching = caching;
        this.tokens = tokens;
    }

    @Override
    public void configure() {
        // each state route handles its own errors (doTry/doCatch); Camel's default error handler would only add
        // a redelivery wrapper around every processor, and log what the engine already reports
        errorHandler(noErrorHandler());
        topDriverUri = machineRoutes(machine);
    }

    /** The URI that runs the whole state machine for an exchange carrying a {@link Scope}. */
    public String driverUri() {
        return topDriverUri;
    }

    public List<String> routeIds() {
        return routeIds;
    }

    /** The thread pools the Map states' splits use; the deployment shuts them down when it is removed. */
    public List<ExecutorService> pools() {
        return pools;
    }

    /** Builds the routes of a (sub-)machine and returns its driver's URI. */
    private String machineRoutes(StateMachine m) {
        int n = drivers++;
        Map<State, String> routes = new IdentityHashMap<>();
        for (State state : m.states().values()) {
            if (!InlineStates.handles(state)) {
                String uri = "direct:asl-" + key + "-" + n + "-" + stateUris.size();
                stateUris.put(state, uri);
                routes.put(state, uri);
            }
        }
        m.states().values().stream().filter(routes::containsKey).forEach(this::stateRoute);
        String uri = "direct:asl-" + key + "-drv-" + n;
        engineRoute(uri, "driver-" + n)
                .loopDoWhile(notFinished())
                    .process(new StateDispatcher(getContext(), routes))
                .end();
        return uri;
    }

    private void stateRoute(State state) {
        if (state instanceof TaskState task && !task.awaitsCallback()) {
            // the hottest route: one processor that also applies Retry and Catch (see TaskStateProcessor)
            engineRoute(stateUris.get(state), state.name())
                    .process(new TaskStateProcessor(task, resourceEndpoints.apply(task.resource()),
                            TaskHeaders.of(task, allowedCamelHeaders, forwardedHeaders), caching, timers, clock));
            return;
        }
        // doTry/doCatch rather than onException: a handled onException would also end the caller's loop
        TryDefinition route = engineRoute(stateUris.get(state), state.name()).doTry();
        if (state instanceof WaitState) {
            route.process(e -> WaitStep.prepare(scope(e)))
                    .process(new ScopeDelay(timers))
                    .process(e -> {
                        // a parked execution goes on when the runtime wakes it; a run whose Parallel or Map gave
                        // up while it waited stops here, its Wait unfinished
                        if (!scope(e).parked() && !scope(e).finished()) {
                            WaitStep.complete(scope(e));
                        }
                    });
        } else if (state instanceof TaskState task) {
            callbackTaskRoute(route, task, resourceEndpoints.apply(task.resource()));
        } else if (state instanceof ParallelState parallel) {
            parallelRoute(route, parallel);
        } else {
            mapRoute(route, (MapState) state);
        }
        route.doCatch(Exception.class)
                .process(e -> {
                    TokenWait wait = e.getProperty(TOKEN_WAIT, TokenWait.class);
                    if (wait != null) { // the callback Task's call failed: its token answers nothing
                        e.removeProperty(TOKEN_WAIT);
                        wait.abandon();
                    }
                    Exception caught = e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                    if (e.getProperty(READING) != null) { // a Distributed Map's ItemReader failed: its map run did
                        e.removeProperty(READING);
                        e.removeProperty(READS);
                        MapStep.readFailed(scope(e), FailurePolicy.toAslError(caught, scope(e).phase()));
                    } else if (e.getProperty(WRITES) != null) { // its ResultWriter failed: States.ResultWriterFailed
                        e.removeProperty(WRITES);
                        caught = MapStep.writeFailed(scope(e), FailurePolicy.toAslError(caught, scope(e).phase()));
                        scope(e).phase(Scope.Phase.DATAFLOW);
                    }
                    FailurePolicy.handle(scope(e), caught);
                })
                .process(new ScopeDelay(timers)) // a retry's back-off
                .end();
    }

    /**
     * A .waitForTaskToken (or .sync) Task: the call hands out the token (its reply is only TaskSubmitted's), then the
     * Task waits for SendTaskSuccess or SendTaskFailure (a .sync connector's TaskCompletions), holding no thread;
     * TimeoutSeconds covers the wait. A Task resumed while it waited does not call again: it waits for the token it
     * handed out; a .sync one calls with TASK_RESUMED, so that its connector follows the job again.
     */
    private void callbackTaskRoute(TryDefinition route, TaskState state, String uri) {
        TaskHeaders headers = TaskHeaders.of(state, allowedCamelHeaders, forwardedHeaders);
        java.util.concurrent.Executor worker = tokenWaitWorker();
        route.process(e -> {
            JsonNode effective = TaskStep.prepare(scope(e));
            JsonNode mocked = TaskStep.mockedResult(scope(e));
            if (mocked != null) { // answered at once by the execution's mock test case: no call, no wait
                e.setProperty(MOCKED_RESULT, mocked);
                return;
            }
            TaskMessages.toRequest(e, scope(e), effective, headers);
            e.getMessage().setHeader(AslConstants.TASK_TOKEN, scope(e).taskToken()); // an activity worker's
            if (state.sync() && scope(e).awaitsResumedToken()) {
                // resumed while its job ran: the connector follows the job it started (see TaskCompletions)
                e.getMessage().setHeader(AslConstants.TASK_RESUMED, Boolean.TRUE);
                e.getMessage().setBody(TaskStep.submittedOutput(scope(e)));
            }
            // registered before the call: a worker may answer before the endpoint returns
            e.setProperty(TOKEN_WAIT, TokenWait.register(scope(e), tokens, timers, worker));
        });
        route.filter(e -> e.getProperty(MOCKED_RESULT) == null)
                .process(new TaskCall(uri, false, clock))
                .process(e -> {
                    if (!scope(e).awaitsResumedToken()) {
                        TaskStep.submitted(scope(e), TaskMessages.result(e));
                    }
                })
                .end();
        route.process(new AsyncProcessorSupport() {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                JsonNode mocked = exchange.getProperty(MOCKED_RESULT, JsonNode.class);
                if (mocked != null) {
                    exchange.removeProperty(MOCKED_RESULT);
                    exchange.getMessage().setBody(mocked);
                    callback.done(true);
                    return true;
                }
                TokenWait wait = exchange.getProperty(TOKEN_WAIT, TokenWait.class);
                exchange.removeProperty(TOKEN_WAIT);
                wait.await((output, error) -> { // neither: a failed sibling stopped the wait (see TokenWait)
                    if (error != null) {
                        exchange.setException(error);
                    } else {
                        exchange.getMessage().setBody(output);
                    }
                    callback.done(false);
                });
                return false;
            }
        });
        route.process(e -> {
            if (!scope(e).finished()) { // else its Parallel or Map gave up while it waited: it stops unfinished
                TaskStep.complete(scope(e), TaskMessages.result(e));
            }
        });
    }

    /**
     * Where a callback Task's wait goes on once its token is answered or its timer ran out: the component's timers
     * on the system clock. A clock with a scheduler of its own runs that scheduler's work only when it is moved (a
     * virtual clock's): a SendTaskSuccess would do nothing until the test moved it, so the wait goes on on a pool
     * the clock observes instead, at once, and the clock counts that work before it moves.
     */
    private java.util.concurrent.Executor tokenWaitWorker() {
        if (clock.scheduler() == null) {
            return timers;
        }
        if (tokenWaitWorker == null) {
            ExecutorService own = getContext().getExecutorServiceManager().newDefaultThreadPool(this,
                    "asl-" + key + "-callbacks");
            pools.add(own); // shut down with the deployment
            tokenWaitWorker = clock.observe(own);
        }
        return tokenWaitWorker;
    }

    /** Exchange property: the running callback Task's wait for its token. */
    private static final String TOKEN_WAIT = "CamelAslTokenWait";
    /** Exchange property: a mocked callback Task's result (see TaskStep.mockedResult). */
    private static final String MOCKED_RESULT = "CamelAslMockedResult";

    private void parallelRoute(TryDefinition route, ParallelState state) {
        if (state.branches().stream().allMatch(InlineStates::handlesAll)) {
            // branches that only move data: no multicast, see SubMachineRun.runBranchesInline
            route.process(e -> SubMachineRun.runBranchesInline(scope(e), ParallelStep.prepare(scope(e))))
                    .process(e -> ParallelStep.complete(scope(e)));
            return;
        }
        List<String> branchUris = new ArrayList<>();
        for (int i = 0; i < state.branches().size(); i++) {
            int index = i;
            String branchDriver = machineRoutes(state.branches().get(i));
            String entry = "direct:asl-" + key + "-branch-" + (entries++);
            engineRoute(entry, state.name() + "-branch-" + i)
                    .process(e -> e.setProperty(StateMachineRuntime.SCOPE_PROPERTY,
                            SubMachineRun.startBranch(scope(e), index, TaskMessages.json(e))))
                    .doTry()
                        .to(branchDriver)
                    .doCatch(Exception.class)
                        .process(StateMachineRoutes::failRun)
                    .end()
                    .process(e -> {
                        Scope child = scope(e);
                        SubMachineRun.finishBranch(child, index);
                        e.setProperty(StateMachineRuntime.SCOPE_PROPERTY, child.parent());
                    });
            branchUris.add(entry);
        }
        // the pool Camel would make for the multicast, made here so that the clock sees the branches' work
        ExecutorService branchPool = getContext().getExecutorServiceManager().newDefaultThreadPool(this,
                "asl-" + key + "-parallel-" + state.name());
        pools.add(branchPool);
        route.process(e -> e.getMessage().setBody(ParallelStep.prepare(scope(e))))
                .multicast(AggregationStrategies.useOriginal()).parallelProcessing()
                .executorService(clock.observe(branchPool))
                    .to(branchUris.toArray(String[]::new))
                .end()
                .process(e -> ParallelStep.complete(scope(e)));
    }

    private void mapRoute(TryDefinition route, MapState state) {
        if (state.itemReader() != null) {
            readItems(route, state);
        } else {
            route.process(e -> e.getMessage().setBody(MapStep.prepare(scope(e))));
        }
        if (InlineStates.handlesAll(state.itemProcessor())) {
            // an item processor that only moves data: no split, see SubMachineRun.runIterationsInline
            route.process(e -> SubMachineRun.runIterationsInline(scope(e), items(e)));
            completeMap(route, state);
            return;
        }
        String processorDriver = machineRoutes(state.itemProcessor());
        String iteration = "direct:asl-" + key + "-iteration-" + (entries++);
        ExecutorService ownPool = getContext().getExecutorServiceManager().newThreadPool(this,
                "asl-" + key + "-map-" + state.name(), MapStep.MAX_INLINE_CONCURRENCY, MapStep.MAX_INLINE_CONCURRENCY);
        pools.add(ownPool);
        ExecutorService pool = clock.observe(ownPool); // the iterations' work, as the clock sees it
        engineRoute(iteration, state.name() + "-iteration")
                .process(new MaxConcurrencyGate(pool))
                .process(e -> e.setProperty(StateMachineRuntime.SCOPE_PROPERTY, SubMachineRun.startIteration(
                        scope(e), e.getProperty(Exchange.SPLIT_INDEX, Integer.class), TaskMessages.json(e))))
                .doTry()
                    .to(processorDriver)
                .doCatch(Exception.class)
                    .process(StateMachineRoutes::failRun)
                .end()
                .process(e -> {
                    Scope child = scope(e);
                    SubMachineRun.finishIteration(child, e.getProperty(Exchange.SPLIT_INDEX, Integer.class));
                    e.setProperty(StateMachineRuntime.SCOPE_PROPERTY, child.parent());
                    MaxConcurrencyGate.release(child.parent().fanOut());
                });
        // a Distributed Map's MaxConcurrency may change while it runs (UpdateMapRun): its gate alone holds it to one
        boolean changeable = state.distributed();
        route.choice()
                    .when(e -> !changeable && scope(e).mapConcurrency() == 1)
                        .split(body(), AggregationStrategies.useOriginal())
                            .to(iteration)
                        .end()
                    .endChoice()
                    .otherwise()
                        .split(body(), AggregationStrategies.useOriginal()).parallelProcessing().executorService(pool)
                            .to(iteration)
                        .end()
                    .endChoice()
                .end();
        completeMap(route, state);
    }

    /**
     * The Map's result, or its failure; with a ResultWriter that has a Resource, its files are written first, one
     * call after the other like an ItemReader's reads.
     */
    private void completeMap(TryDefinition route, MapState state) {
        String writer = ResultWriting.resource(state);
        if (writer == null) {
            route.process(e -> MapStep.complete(scope(e)));
            return;
        }
        String uri = resourceEndpoints.apply(writer);
        TaskHeaders headers = TaskHeaders.ofResultWriter(allowedCamelHeaders, forwardedHeaders);
        route.process(e -> {
                    ResultWriting.Writes writes = MapStep.complete(scope(e));
                    if (writes != null) {
                        e.setProperty(WRITES, writes);
                        scope(e).phase(Scope.Phase.TASK_CALL);
                    }
                })
                .loopDoWhile(e -> writes(e) != null && writes(e).request() != null)
                    .process(e -> TaskMessages.toRequest(e, scope(e), writes(e).request(), headers))
                    .process(new TaskCall(uri, false, clock))
                    .process(e -> writes(e).written())
                .end()
                .process(e -> {
                    ResultWriting.Writes writes = writes(e);
                    if (writes != null) {
                        e.removeProperty(WRITES);
                        e.getMessage().setHeaders(new java.util.HashMap<>());
                        scope(e).phase(Scope.Phase.DATAFLOW);
                        MapStep.completeWritten(scope(e), writes);
                    }
                });
    }

    /** Exchange property: the running Map's ResultWriter writes. */
    private static final String WRITES = "CamelAslResultWrites";

    private static ResultWriting.Writes writes(Exchange exchange) {
        return exchange.getProperty(WRITES, ResultWriting.Writes.class);
    }

    /**
     * A Map's ItemReader: its Resource is called like a Task's (page after page for a listing), then the items
     * read, in batches with an ItemBatcher, become the body the Map iterates over.
     */
    private void readItems(TryDefinition route, MapState state) {
        String uri = resourceEndpoints.apply(ItemReading.resource(state));
        String objects = ItemReading.objectResource(state);
        TaskCall objectRead = objects == null ? null : new TaskCall(resourceEndpoints.apply(objects), false, clock);
        TaskHeaders headers = TaskHeaders.ofItemReader(state, allowedCamelHeaders, forwardedHeaders);
        TaskCall read = new TaskCall(uri, false, clock);
        route.process(e -> {
                    e.setProperty(READING, Boolean.TRUE); // MaxItems is evaluated as the map run starts reading
                    e.setProperty(READS, ItemReading.start(scope(e)));
                })
                .loopDoWhile(e -> reads(e).request() != null)
                    .process(e -> TaskMessages.toRequest(e, scope(e), reads(e).request(), headers))
                    .choice()
                        .when(e -> objectRead != null && reads(e).readingObject())
                            .process(objectRead != null ? objectRead : read)
                        .otherwise()
                            .process(read)
                    .end()
                    .process(e -> reads(e).add(scope(e), TaskMessages.result(e)))
                .end();
        route.process(e -> {
            ItemReading.Reads reads = reads(e);
            e.removeProperty(READS);
            e.removeProperty(READING);
            e.getMessage().setHeaders(new java.util.HashMap<>());
            e.getMessage().setBody(MapStep.prepareRead(scope(e), reads.items()));
        });
    }

    /** Exchange property: the running Map's ItemReader reads. */
    private static final String READS = "CamelAslItemReads";
    /** Exchange property: the running Map's ItemReader is starting or reading (its failures are its map run's). */
    private static final String READING = "CamelAslItemReading";

    private static ItemReading.Reads reads(Exchange exchange) {
        return exchange.getProperty(READS, ItemReading.Reads.class);
    }

    @SuppressWarnings("unchecked")
    private static List<JsonNode> items(Exchange exchange) {
        return exchange.getMessage().getBody(List.class);
    }

    /**
     * A route of the engine's own. No stream caching: its bodies are JSON trees and text, never streams, and the
     * check costs on every hop (a Task's endpoint route keeps its own setting).
     */
    private org.apache.camel.model.RouteDefinition engineRoute(String uri, String idSuffix) {
        return from(uri).routeId(routeId(idSuffix)).noStreamCaching();
    }

    private String routeId(String suffix) {
        String id = "asl-" + key + "-" + suffix;
        routeIds.add(id);
        return id;
    }

    /** A branch or iteration whose driver ended with an exception (an engine fault) fails, rather than hang. */
    private static void failRun(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        scope(exchange).failRun(FailurePolicy.toAslError(caught, Scope.Phase.DATAFLOW));
    }

    static Scope scope(Exchange exchange) {
        return exchange.getProperty(StateMachineRuntime.SCOPE_PROPERTY, Scope.class);
    }

    private static Predicate notFinished() {
        return e -> !scope(e).finished() && !scope(e).parked();
    }
}
