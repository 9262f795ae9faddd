package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.history.HistoryEvent;
import io.github.camelasl.history.HistoryListener;
import io.github.camelasl.mock.TaskMocks;
import io.github.camelasl.model.StateMachine;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.store.ExecutionStore.Checkpoint;
import io.github.camelasl.store.ExecutionStoreException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;

/**
 * A deployed state machine: its routes are in the CamelContext, and this starts executions on them. An
 * execution runs on the starting thread until its first asynchronous step (a Wait, a retry back-off, an
 * asynchronous endpoint, a parallel branch); the returned future completes when the execution ends.
 */
public final class StateMachineRuntime {

    /** Exchange property holding the running {@link Scope}. */
    public static final String SCOPE_PROPERTY = "CamelAslScope";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StateMachineRuntime.class);

    private final CamelContext camelContext;
    private final StateMachine machine;
    private final String definition;
    private final StateMachineConfig config;
    private final ExecutionStore store;
    private final TaskTokens tokens;
    private final ScheduledExecutorService timers;
    private final String driverUri;
    private final List<String> routeIds;
    private final List<java.util.concurrent.ExecutorService> pools;
    private final DeploymentObservers observers;
    private volatile AsyncProducer driver;
    private java.util.concurrent.ExecutorService workers;
    /** {@link #workers} as the clock sees it (the same pool on the system clock). */
    private java.util.concurrent.ExecutorService observedWorkers;
    /** The config's: every time its executions read, and the scheduler behind {@link #timers}. */
    private final EngineClock clock;

    public StateMachineRuntime(CamelContext camelContext, StateMachine machine, String definition,
            StateMachineConfig config, ExecutionStore store, TaskTokens tokens, ScheduledExecutorService timers,
            String driverUri, List<String> routeIds, List<java.util.concurrent.ExecutorService> pools) {
        this(camelContext, machine, definition, config, store, tokens, timers, driverUri, routeIds, pools,
                new ExecutionObservers());
    }

    /**
     * @param sharedObservers the observers of every deployment of its deployer or component; this one is live for
     *                        them until {@link #undeploy()}
     */
    public StateMachineRuntime(CamelContext camelContext, StateMachine machine, String definition,
            StateMachineConfig config, ExecutionStore store, TaskTokens tokens, ScheduledExecutorService timers,
            String driverUri, List<String> routeIds, List<java.util.concurrent.ExecutorService> pools,
            ExecutionObservers sharedObservers) {
        this.observers = new DeploymentObservers(config.stateMachineArn(), definition, sharedObservers);
        if (camelContext != null) {
            TaskCompletions.of(camelContext).add(tokens); // the connectors of .sync Tasks end them through it
        }
        sharedObservers.deployed(observers);
        this.tokens = tokens;
        this.camelContext = camelContext;
        this.machine = machine;
        this.definition = definition;
        this.config = config;
        this.clock = config.clock();
        this.store = store;
        this.timers = timers;
        this.driverUri = driverUri;
        this.routeIds = List.copyOf(routeIds);
        this.pools = List.copyOf(pools);
    }

    /**
     * Starts an execution.
     *
     * @param input         the execution input
     * @param executionName the name, or null for a generated UUID
     * @param headers       the headers the execution is started with (may be empty); its Tasks' endpoints get
     *                      those the deployment forwards (see {@code ForwardedHeaders}: none by default). They
     *                      live in memory only: an execution resumed after a restart, or redriven, has none
     * @param listeners     told of each history event as it is written
     */
    public CompletableFuture<ExecutionResult> start(JsonNode input, String executionName, Map<String, Object> headers,
            List<HistoryListener> listeners) {
        return begin(input, executionName, headers, listeners, false).completion();
    }

    /** An execution just started: its ARN and start date at once, its result when it ends. */
    public record Started(String executionArn, Instant startDate, CompletableFuture<ExecutionResult> completion) {
    }

    /**
     * Starts an execution. With {@code asStartExecution}, as AWS's StartExecution does: it returns once the store
     * holds the execution, which runs on a worker thread, and a name already running with the same input answers
     * that execution rather than ExecutionAlreadyExists (whose completion is known only when it runs in this JVM;
     * otherwise the returned future does not complete). Without, the execution runs on this thread until its
     * first asynchronous step.
     */
    public Started begin(JsonNode input, String executionName, Map<String, Object> headers,
            List<HistoryListener> listeners, boolean asStartExecution) {
        return begin(input, executionName, headers, listeners, asStartExecution, null);
    }

    /**
     * As above, running a mock test case (Step Functions Local's {@code #TestCase}): the Tasks it names answer from
     * {@code mocks} instead of their endpoints. Such an execution lives in this JVM only: it does not wait out of
     * memory, and after a restart it is not resumed with real endpoints but ends FAILED (see {@link #resume}).
     *
     * @param mocks the mocks of this execution alone (a fresh {@code MockedExecution} of a test case, the test kit's),
     *              or null to run every Task for real
     */
    public Started begin(JsonNode input, String executionName, Map<String, Object> headers,
            List<HistoryListener> listeners, boolean asStartExecution, TaskMocks mocks) {
        checkStart(input, executionName);
        boolean idempotent = asStartExecution;
        if (idempotent && executionName != null && !config.express()) {
            String arn = config.executionArn(executionName);
            ExecutionRecord existing = store.find(arn).orElse(null);
            if (existing != null && existing.status() == ExecutionStatus.RUNNING && existing.input().equals(input)) {
                Execution live = running.get(arn);
                return new Started(arn, existing.startDate(),
                        live != null ? live.completion() : new CompletableFuture<>());
            }
        }
        String name = executionName != null ? executionName : Ids.uuid();
        Execution execution = new Execution(config, name, input, store, listeners, headers, definition);
        execution.mocks(mocks);
        observe(execution);
        execution.started();
        register(execution);
        if (idempotent) {
            // StartExecution: the caller has its answer once the store holds the execution; it runs on a worker
            worker().execute(() -> run(execution, new Scope(execution, machine, null, null,
                    execution.history().lastEventId(), input)));
            return new Started(execution.arn(), execution.startTime(), execution.completion());
        }
        execution.awaited(); // the caller gets the future only once this returns: a Wait may park it before
        Scope scope = new Scope(execution, machine, null, null, execution.history().lastEventId(), input);
        return new Started(execution.arn(), execution.startTime(), run(execution, scope));
    }

    /**
     * Refuses, before anything is stored, an execution its limits do not allow: InvalidName for its name,
     * States.DataLimitExceeded for an input too large or too deeply nested.
     */
    private void checkStart(JsonNode input, String executionName) {
        if (executionName != null) {
            config.limits().checkExecutionName(executionName);
        }
        config.limits().checkExecutionInput(input);
    }

    /**
     * Resumes an execution a durable store holds as RUNNING (after a restart, or parked out of memory): from its
     * last checkpoint, in the state it had reached, with that state's input and the variables it had. Its
     * StateEntered is not recorded again when the store has it; a Task it was running runs again (at least
     * once); a Wait waits only what is left. A Parallel or Map it was in runs again from its start.
     *
     * @param record    the execution as the store holds it (its definition must be this runtime's)
     * @param listeners told of each new history event
     */
    public CompletableFuture<ExecutionResult> resume(ExecutionRecord record, List<HistoryListener> listeners) {
        return resume(record, listeners, Map.of());
    }

    /**
     * {@link #resume} on a worker thread: a deployment resuming many executions resumes them side by side (their
     * store commits go together) rather than one after the other on the thread starting the CamelContext.
     */
    public CompletableFuture<ExecutionResult> resumeInBackground(ExecutionRecord record,
            List<HistoryListener> listeners) {
        CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
        worker().execute(() -> {
            try {
                relay(resume(record, listeners), result);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private CompletableFuture<ExecutionResult> resume(ExecutionRecord record, List<HistoryListener> listeners,
            Map<String, Object> headers) {
        Execution execution = null;
        Scope scope;
        String reading = "its history";
        try {
            List<HistoryEvent> events = store.events(record.executionArn()).stream()
                    .map(event -> HistoryEvent.stored((ObjectNode) event)).toList();
            execution = Execution.resumed(config, record, events, store, listeners, headers);
            observe(execution);
            String testCase = Execution.mockTestCase(events);
            if (testCase != null) {
                // its mocks were in memory only: without them its mocked Tasks would call real endpoints
                return failUnresumable(record, execution, "it ran mock test case '" + testCase + "', whose mocked "
                        + "responses lived in memory only; resumed without them, its Tasks would call their real "
                        + "endpoints. Start it again with the test case", listeners);
            }
            reading = "its checkpoint";
            long lastEventId = execution.history().lastEventId();
            Checkpoint checkpoint = store.lastCheckpoint(record.executionArn())
                    // stopped between its creation and its first checkpoint: it starts over
                    .orElse(new Checkpoint(Checkpoint.TOP, machine.startAt(), record.input(), lastEventId, null,
                            null));
            // the state's StateEntered, if it was recorded after the checkpoint
            HistoryEvent entered = events.stream()
                    .filter(event -> event.id() > checkpoint.lastEventId() && event.type().endsWith("StateEntered")
                            && checkpoint.stateName().equals(event.toJson().path("stateEnteredEventDetails")
                                    .path("name").asText()))
                    .findFirst().orElse(null);
            scope = Scope.resumed(execution, machine, checkpoint, entered);
        } catch (ExecutionStoreException e) {
            if (!(e instanceof io.github.camelasl.store.UnreadableRecordException)) {
                throw e; // the store cannot be read now: the execution stays RUNNING there for a later resume
            }
            return failUnresumable(record, execution, e.getMessage(), listeners);
        } catch (RuntimeException e) {
            return failUnresumable(record, execution, reading + " cannot be used: " + e.getMessage(), listeners);
        }
        return resume(execution, scope);
    }

    private CompletableFuture<ExecutionResult> resume(Execution execution, Scope scope) {
        register(execution);
        long backOff = scope.takeResumedBackOffMillis();
        if (backOff > 0) { // it was waiting to retry a state: it waits what is left, holding no thread
            timers.schedule(() -> worker().execute(() -> {
                if (!execution.isFinished()) {
                    run(execution, scope);
                }
            }), backOff, TimeUnit.MILLISECONDS);
            return execution.completion();
        }
        return run(execution, scope);
    }

    /** See {@link UnresumableExecutions}: the execution ends FAILED, and what resumes it goes on with others. */
    private CompletableFuture<ExecutionResult> failUnresumable(ExecutionRecord record, Execution execution,
            String problem, List<HistoryListener> listeners) {
        if (execution == null) { // its history could not be read
            return UnresumableExecutions.fail(store, record.executionArn(), record.stateMachineArn(), record, problem,
                    listeners, clock);
        }
        String cause = UnresumableExecutions.cause(record.executionArn(), problem);
        LOG.warn("{}. It ends FAILED ({}).", io.github.camelasl.history.TerminalText.escape(cause),
                ErrorNames.RUNTIME);
        execution.finish(ExecutionStatus.FAILED, null, ErrorNames.RUNTIME, cause);
        return execution.completion();
    }

    /**
     * Runs a started or resumed execution from its scope's current state, under its TimeoutSeconds, and an EXPRESS
     * one under the EXPRESS maximum too.
     */
    private CompletableFuture<ExecutionResult> run(Execution execution, Scope scope) {
        Long timeoutMillis = timeoutMillis();
        if (timeoutMillis != null) {
            long left = execution.timeoutBase().toEpochMilli() + timeoutMillis - clock.millis();
            if (left <= 0) { // resumed after its time was up
                timedOut(execution, timeoutMillis);
                return execution.completion();
            }
            if (machine.timeoutSeconds() != null) {
                scheduleTimeout(execution, timeoutMillis, left);
            }
        }
        drive(execution, scope);
        if (timeoutMillis != null && machine.timeoutSeconds() == null && !execution.isFinished()) {
            // the EXPRESS maximum alone: an execution that ended within drive() (all its states moved data on
            // this thread, as most EXPRESS runs do) never needed a timer, and scheduling one cost W1 a quarter
            // of its throughput; one still going (a Task, a Wait) gets it now, for the time it has left
            scheduleTimeout(execution, timeoutMillis,
                    execution.timeoutBase().toEpochMilli() + timeoutMillis - clock.millis());
        }
        return execution.completion();
    }

    private void scheduleTimeout(Execution execution, long timeoutMillis, long left) {
        // the timer thread only hands off: what follows the end runs on a Camel worker thread
        execution.timeoutTimer(timers.schedule(() -> worker().execute(() -> timedOut(execution, timeoutMillis)),
                Math.max(0, left), TimeUnit.MILLISECONDS));
        if (execution.isFinished()) {
            execution.cancelTimeoutTimer(); // it ended while the timer was being set: it would hold it for nothing
        }
    }

    /** Runs states from the scope's current one until the execution ends or parks in a Wait. */
    private void drive(Execution execution, Scope scope) {
        // states that only move data run right here; a Camel exchange is made only when a state needs a route
        try {
            InlineStates.run(scope);
        } catch (RuntimeException e) {
            end(execution, scope, e);
            return;
        }
        if (scope.finished()) {
            end(execution, scope, null);
            return;
        }
        Exchange exchange = new DefaultExchange(camelContext);
        exchange.setProperty(SCOPE_PROPERTY, scope);
        if (!execution.originalHeaders().isEmpty()) {
            exchange.getMessage().setHeaders(new java.util.HashMap<>(execution.originalHeaders()));
        }
        driver().process(exchange, doneSync -> end(execution, scope, exchange.getException()));
    }

    /**
     * The execution waits in a Wait state of its top-level machine, with no exchange and no thread. A STANDARD
     * execution waiting longer than parkInMemorySeconds leaves the engine as well: its store holds its record,
     * history, checkpoint and due time, and only the timer (and the caller's future, if one waits) stays; it is
     * resumed from the store when due, as after a restart. On the in-memory store this still frees what only a
     * running execution needs (its scope, history list, variables and callbacks): W8 went from 1,924 to 1,126 bytes
     * of heap per parked execution, and to 997 once records kept no name their ARN ends with and parsed objects
     * started small. A shorter wait, or an EXPRESS execution (no store holds it), keeps the execution and goes on
     * from the Wait's end.
     */
    private void park(Execution execution, Scope scope) {
        long now = clock.millis();
        // a mocked execution stays: read back from the store, it would have lost its mocks
        if (!config.express() && execution.mocks() == null && scope.parkedUntil() - now > parkInMemoryMillis) {
            execution.cancelTimeoutTimer(); // it holds the execution; run() makes a new one on resume
            running.remove(execution.arn(), execution);
            long wake = machine.timeoutSeconds() == null ? scope.parkedUntil()
                    : Math.min(scope.parkedUntil(), timeoutAt(execution));
            String arn = execution.arn();
            List<HistoryListener> listeners = execution.history().listeners();
            Map<String, Object> headers = execution.originalHeaders();
            CompletableFuture<ExecutionResult> waiter = execution.resultAwaited() ? execution.completion() : null;
            if (waiter != null) {
                waitingOutOfMemory.put(arn, waiter);
            }
            // a Callable: a Runnable would be wrapped in one more object, kept for as long as the wait
            timers.schedule(() -> {
                worker().execute(() -> wakeFromStore(arn, listeners, headers, waiter));
                return null;
            }, Math.max(0, wake - now), TimeUnit.MILLISECONDS);
            return;
        }
        Long timeoutMillis = timeoutMillis();
        if (timeoutMillis != null && execution.timeoutBase().toEpochMilli() + timeoutMillis <= scope.parkedUntil()) {
            // its timeout timer ends it first: a wake-up timer would hold it until the Wait's end (an EXPRESS
            // execution's Wait of 99999999 s would, for years after the EXPRESS maximum ended it)
            return;
        }
        timers.schedule(() -> worker().execute(() -> wake(execution, scope)),
                Math.max(0, scope.parkedUntil() - now), TimeUnit.MILLISECONDS);
    }

    /** Waits shorter than this keep their execution in memory (reading it back costs more than it saves). */
    public static final int DEFAULT_PARK_IN_MEMORY_SECONDS = 30;
    private volatile long parkInMemoryMillis = DEFAULT_PARK_IN_MEMORY_SECONDS * 1000L;

    /** How long a wait may be and still keep its execution in memory, when the store is durable. */
    public void parkInMemorySeconds(int seconds) {
        this.parkInMemoryMillis = seconds * 1000L;
    }

    private void wake(Execution execution, Scope scope) {
        scope.unpark();
        if (execution.isFinished()) {
            return; // timed out while it waited
        }
        try {
            WaitStep.complete(scope);
        } catch (RuntimeException e) {
            FailurePolicy.handle(scope, e);
        }
        drive(execution, scope);
    }

    private void wakeFromStore(String arn, List<HistoryListener> listeners, Map<String, Object> headers,
            CompletableFuture<ExecutionResult> waiter) {
        waitingOutOfMemory.remove(arn, waiter);
        try {
            ExecutionRecord record = store.find(arn).orElse(null);
            if (record == null || record.status() != ExecutionStatus.RUNNING) {
                return; // stopped (or forgotten) while it waited: nothing left to run
            }
            CompletableFuture<ExecutionResult> resumed = resume(record, listeners, headers);
            if (waiter != null) {
                relay(resumed, waiter);
            }
        } catch (io.github.camelasl.store.UnreadableRecordException e) {
            // its record cannot be read back: waiting will not mend it
            CompletableFuture<ExecutionResult> failed = UnresumableExecutions.fail(store, arn,
                    config.stateMachineArn(), null, e.getMessage(), listeners, clock);
            if (waiter != null) {
                relay(failed, waiter);
            }
        } catch (RuntimeException e) {
            // the store cannot be read now: the execution stays RUNNING there and resumes on the next start
            LOG.error("Cannot resume parked execution {}: {}", arn, e.getMessage());
            if (waiter != null) {
                waiter.completeExceptionally(e);
            }
        }
    }

    /** Completes {@code to} as {@code from} completes. */
    private static void relay(CompletableFuture<ExecutionResult> from, CompletableFuture<ExecutionResult> to) {
        from.whenComplete((result, failure) -> {
            if (failure != null) {
                to.completeExceptionally(failure);
            } else {
                to.complete(result);
            }
        });
    }

    /** The callers waiting for executions that wait out of memory (see park). */
    private final Map<String, CompletableFuture<ExecutionResult>> waitingOutOfMemory =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** STANDARD executions running in this JVM, for StopExecution (AWS stops no EXPRESS execution). */
    private final Map<String, Execution> running = new java.util.concurrent.ConcurrentHashMap<>();

    /** Before its first event here: the execution tells this deployment's observers what it does. */
    private void observe(Execution execution) {
        execution.observers(observers);
        observers.executionRunning(execution.arn());
    }

    /**
     * Tells {@code observer} of this deployment (at once) and of its executions from now on: their history events,
     * the Choice rules that decide, the Retriers and Catchers that take their errors.
     */
    public void addObserver(ExecutionObserver observer) {
        observers.add(observer);
    }

    private void register(Execution execution) {
        if (!config.express()) {
            running.put(execution.arn(), execution);
            execution.onFinish(() -> {
                running.remove(execution.arn(), execution);
                tokens.release(execution.arn()); // a Task still waiting for its token stops waiting
            });
        }
    }

    /**
     * AWS's StopExecution: the execution ends ABORTED with {@code error} and {@code cause} (either may be null).
     * A running one stops at its next state boundary (a Task's reply is dropped, a Wait is not waited out); one
     * the store holds as RUNNING but no JVM runs (waiting out of memory, or left by a crash) is ended in the
     * store. A finished execution is left as it is.
     *
     * @return the stop date
     * @throws AslError ExecutionDoesNotExist when the store has no such execution
     */
    public Instant stop(String executionArn, String error, String cause) {
        refuseExpress("StopExecution");
        Execution live = running.get(executionArn);
        if (live != null) {
            live.finish(ExecutionStatus.ABORTED, null, error, cause);
            return live.stopDate();
        }
        ExecutionRecord record = store.find(executionArn).orElseThrow(() -> doesNotExist(executionArn));
        if (record.status() != ExecutionStatus.RUNNING) {
            return record.stopDate();
        }
        List<HistoryEvent> events = store.events(executionArn).stream()
                .map(event -> HistoryEvent.stored((ObjectNode) event)).toList();
        Execution stored = Execution.resumed(config, record, events, store, List.of(), Map.of());
        observe(stored);
        stored.finish(ExecutionStatus.ABORTED, null, error, cause);
        CompletableFuture<ExecutionResult> waiter = waitingOutOfMemory.remove(executionArn);
        if (waiter != null) { // a caller waiting across the Wait gets the end now, not when the Wait would be over
            relay(stored.completion(), waiter);
        }
        return stored.stopDate();
    }

    /**
     * The result of an execution running here (or waiting out of memory for someone to take its result), to follow
     * it to its end; empty when it does not run here (ended, or not resumed yet: ask the store).
     */
    public java.util.Optional<CompletableFuture<ExecutionResult>> completionOf(String executionArn) {
        Execution live = running.get(executionArn);
        if (live != null) {
            return java.util.Optional.of(live.completion());
        }
        return java.util.Optional.ofNullable(waitingOutOfMemory.get(executionArn));
    }

    /** AWS's GetExecutionHistory events of an execution: as it runs here, else as the store holds them. */
    public List<JsonNode> history(String executionArn) {
        Execution live = running.get(executionArn);
        if (live != null) {
            return live.history().events();
        }
        store.find(executionArn).orElseThrow(() -> doesNotExist(executionArn));
        return store.events(executionArn);
    }

    /** AWS runs neither StopExecution nor RedriveExecution for EXPRESS state machines. */
    private void refuseExpress(String operation) {
        if (config.express()) {
            throw new AslError("ValidationException", "This API action (" + operation + ") is not supported by "
                    + "EXPRESS state machines: " + config.stateMachineArn());
        }
    }

    static AslError doesNotExist(String executionArn) {
        return new AslError("ExecutionDoesNotExist", "Execution Does Not Exist: '" + executionArn + "'");
    }

    private long timeoutAt(Execution execution) {
        return execution.timeoutBase().toEpochMilli() + machine.timeoutSeconds() * 1000L;
    }

    /**
     * AWS's maximum run time of an EXPRESS execution: 5 minutes; one that runs longer "will fail with a
     * States.Timeout error" (Step Functions developer guide, Quotas for Express Workflows). AWS keeps no state of
     * an EXPRESS execution that could outlive a short run, and nothing here resumes or stops one either: without the
     * limit, a long Wait would keep its execution, its timer and a StartSyncExecution caller's connection for good.
     */
    public static final int EXPRESS_MAX_SECONDS = 300;
    private volatile long expressMaxMillis = EXPRESS_MAX_SECONDS * 1000L;

    /**
     * Tests only: EXPRESS executions started from now on run at most {@code max} instead of AWS's
     * {@value #EXPRESS_MAX_SECONDS} seconds, so that a test of the limit need not wait 5 minutes.
     */
    public void expressMaxDurationForTests(java.time.Duration max) {
        this.expressMaxMillis = max.toMillis();
    }

    /**
     * How long after its start (or last redrive) an execution times out, or null for never: the definition's
     * TimeoutSeconds; for EXPRESS, at most the EXPRESS maximum.
     */
    private Long timeoutMillis() {
        Long own = machine.timeoutSeconds() == null ? null : machine.timeoutSeconds() * 1000L;
        if (!config.express()) {
            return own;
        }
        return own == null ? expressMaxMillis : Math.min(own, expressMaxMillis);
    }

    /**
     * Ends the execution TIMED_OUT. When the EXPRESS maximum ran out (not a shorter TimeoutSeconds), with AWS's
     * States.Timeout and a cause that says which limit it was: nothing in the definition explains it.
     */
    private void timedOut(Execution execution, long timeoutMillis) {
        boolean expressMax = config.express()
                && (machine.timeoutSeconds() == null || machine.timeoutSeconds() * 1000L > timeoutMillis);
        if (expressMax) {
            String max = timeoutMillis % 1000 == 0 ? timeoutMillis / 1000 + " seconds" : timeoutMillis + " ms";
            execution.finish(ExecutionStatus.TIMED_OUT, null, ErrorNames.TIMEOUT, "The execution ran longer than "
                    + "an EXPRESS state machine's maximum of " + max + ".");
        } else {
            execution.finish(ExecutionStatus.TIMED_OUT, null, null, null);
        }
    }

    /**
     * Beyond AWS: a new execution, linked to an earlier one (ExecutionStarted's {@code restartedFrom}), that starts
     * in {@code stateName} of this state machine with {@code input} as that state's input: a late step re-run with
     * edited input, on the definition deployed now, without the early steps. Without {@code input}, the input the
     * state had in the earlier execution (its last StateEntered there) is used. Variables start empty.
     *
     * @return the new execution, started (on a worker thread)
     * @throws AslError ExecutionDoesNotExist; States.Runtime when the state is not a top-level state, or has no
     *                  recorded input to go on from and none is given
     */
    public Started restart(String executionArn, String stateName, JsonNode input, String newName,
            List<HistoryListener> listeners) {
        store.find(executionArn).orElseThrow(() -> doesNotExist(executionArn));
        String testCase = Execution.mockTestCase(store.events(executionArn).stream().limit(1)
                .map(event -> HistoryEvent.stored((ObjectNode) event)).toList());
        if (testCase != null) { // as on resume and redrive: restarted without its mocks, it would call real endpoints
            throw new AslError("ValidationException", "The execution " + executionArn + " ran mock test case '"
                    + testCase + "', whose mocked responses are not kept with it: restarted, its Tasks would call "
                    + "their real endpoints; start a new execution with the test case instead");
        }
        if (stateName == null || machine.state(stateName) == null) {
            throw new AslError("ValidationException", "The state machine " + config.stateMachineArn()
                    + " has no top-level state '" + stateName + "' to restart from (its states: "
                    + String.join(", ", machine.states().keySet()) + ")");
        }
        JsonNode from = input != null ? input : enteredInput(executionArn, stateName);
        checkStart(from, newName);
        Execution execution = new Execution(config, newName != null ? newName : Ids.uuid(), from, store, listeners,
                Map.of(), definition);
        execution.restartedFrom(executionArn, stateName);
        observe(execution);
        execution.started();
        register(execution);
        Scope scope = Scope.resumed(execution, machine, new Checkpoint(Checkpoint.TOP, stateName, from,
                execution.history().lastEventId(), null, null), null);
        worker().execute(() -> run(execution, scope));
        return new Started(execution.arn(), execution.startTime(), execution.completion());
    }

    /** The input {@code stateName} last entered with in an execution's history. */
    private JsonNode enteredInput(String executionArn, String stateName) {
        List<JsonNode> events = history(executionArn);
        for (int i = events.size() - 1; i >= 0; i--) {
            JsonNode details = events.get(i).path("stateEnteredEventDetails");
            if (stateName.equals(details.path("name").asText())) {
                if (details.path("inputDetails").path("truncated").asBoolean(false)) {
                    break; // the history kept only part of it
                }
                try {
                    return io.github.camelasl.dataflow.Json.parse(details.path("input").asText());
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    break;
                }
            }
        }
        throw new AslError("ValidationException", "Execution " + executionArn + " has no complete recorded input "
                + "for state '" + stateName + "' to restart from: give the input");
    }

    /**
     * AWS's RedriveExecution: a FAILED, TIMED_OUT or ABORTED execution runs again from the state that did not
     * succeed (its last checkpoint: the state it failed in, with the input and variables it had there), with
     * ExecutionRedriven in its history, one more {@code $$.Execution.RedriveCount} and its TimeoutSeconds counted
     * from now. The states before it do not run again; a Parallel or Map it failed in runs only its branches or
     * iterations that did not succeed (the others keep their outputs). No 14-day window.
     *
     * @return the redrive date; the execution runs on a worker thread
     * @throws AslError ExecutionDoesNotExist, or ExecutionNotRedrivable naming its status
     */
    public Instant redrive(String executionArn, List<HistoryListener> listeners) {
        refuseExpress("RedriveExecution");
        ExecutionRecord record = store.find(executionArn).orElseThrow(() -> doesNotExist(executionArn));
        List<HistoryEvent> events = store.events(executionArn).stream()
                .map(event -> HistoryEvent.stored((ObjectNode) event)).toList();
        String testCase = Execution.mockTestCase(events);
        if (testCase != null) { // as on resume: redriven without its mocks, its Tasks would call real endpoints
            throw new AslError("ExecutionNotRedrivable", "Execution is not redrivable: '" + executionArn + "' ran "
                    + "mock test case '" + testCase + "', whose mocked responses are not kept with it; start a new "
                    + "execution with the test case");
        }
        Checkpoint checkpoint = store.lastCheckpoint(executionArn).orElse(null);
        if (!record.redrivable() || checkpoint == null || running.containsKey(executionArn)) {
            throw new AslError("ExecutionNotRedrivable", "Execution is not redrivable: '" + executionArn + "' is "
                    + record.status() + (record.redrivable() ? " and holds no checkpoint to go on from"
                    : "; only FAILED, TIMED_OUT and ABORTED executions can be redriven"));
        }
        if (events.size() >= config.limits().maxHistoryEvents() - 1) { // as AWS: no room for one more state
            throw new AslError("ExecutionNotRedrivable", "Execution is not redrivable: '" + executionArn + "' has "
                    + events.size() + " history events, and its state machine allows "
                    + config.limits().maxHistoryEvents() + " (maxHistoryEvents)");
        }
        Instant now = clock.instant();
        ExecutionRecord redriven = store.redrive(executionArn, now).orElseThrow(() -> new AslError(
                "ExecutionNotRedrivable", "Execution is not redrivable: '" + executionArn + "' changed meanwhile"));
        Execution execution = Execution.resumed(config, redriven, events, store, listeners, Map.of());
        observe(execution);
        register(execution);
        execution.redriven();
        // the failed state is entered anew, as AWS records it
        // a Wait it was stopped in waits again, whole, and a callback Task hands out a new token; a Parallel or Map
        // keeps the outputs of its runs that succeeded
        Checkpoint from = new Checkpoint(checkpoint.scope(), checkpoint.stateName(), checkpoint.input(),
                checkpoint.lastEventId(), checkpoint.variables(), null, null, null, checkpoint.succeededRuns());
        Scope scope = Scope.resumed(execution, machine, from, null);
        worker().execute(() -> run(execution, scope));
        return now;
    }

    private void end(Execution execution, Scope scope, Throwable fault) {
        if (fault == null && scope.parked() && !execution.isFinished()) {
            park(execution, scope);
            return;
        }
        if (storeFailure(fault) instanceof io.github.camelasl.store.RefusedWriteException refused
                && !execution.isFinished()) {
            execution.failRefused(refused);
            return;
        }
        if (store.durable() && !execution.isFinished() && (storeFailure(fault) != null
                || (!scope.done() || scope.failure() != null) && (camelContext.isStopping() || camelContext.isStopped()))) {
            // the store could not commit, or the app is stopping: the execution is not over, it stays RUNNING at
            // its last committed checkpoint and resumes from there when its state machine is deployed again
            String why = storeFailure(fault) != null ? storeFailure(fault).getMessage() : "the CamelContext stopped";
            execution.suspend("Execution " + execution.arn() + " was suspended in state '" + scope.current().name()
                    + "': " + why + ". It stays RUNNING in the execution store and resumes from its last checkpoint "
                    + "when its state machine is deployed again.");
            return;
        }
        if (fault != null) {
            AslError e = FailurePolicy.toAslError(fault, Scope.Phase.DATAFLOW);
            execution.finish(ExecutionStatus.FAILED, null, e.error(), e.cause());
        } else if (scope.failure() != null) {
            execution.finish(ExecutionStatus.FAILED, null, scope.failure().error(), scope.failure().cause());
        } else if (scope.done()) {
            execution.finish(ExecutionStatus.SUCCEEDED, scope.output(), null, null);
        } else if (!execution.isFinished()) {
            // a route stopped the loop without an end state: an engine fault, never a silent hang
            execution.finish(ExecutionStatus.FAILED, null, ErrorNames.RUNTIME, "The execution stopped in state '"
                    + scope.current().name() + "' without reaching an end state");
        }
    }

    private static ExecutionStoreException storeFailure(Throwable fault) {
        for (Throwable t = fault; t != null; t = t.getCause()) {
            if (t instanceof ExecutionStoreException store) {
                return store;
            }
        }
        return null;
    }

    /** Where work handed off by timers runs; created on first use, shut down with the deployment. */
    private synchronized java.util.concurrent.ExecutorService worker() {
        if (workers == null) {
            workers = camelContext.getExecutorServiceManager().newDefaultThreadPool(this, "asl-workers");
            observedWorkers = clock.observe(workers);
        }
        return observedWorkers;
    }

    private AsyncProducer driver() {
        AsyncProducer producer = driver;
        if (producer == null) {
            synchronized (this) {
                if (driver == null) {
                    try {
                        AsyncProducer created = camelContext.getEndpoint(driverUri).createAsyncProducer();
                        ServiceHelper.startService(created);
                        driver = created;
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot reach the driver route " + driverUri, e);
                    }
                }
                producer = driver;
            }
        }
        return producer;
    }

    /** Removes this state machine's routes from the CamelContext. */
    public void undeploy() throws Exception {
        observers.undeployed();
        if (camelContext != null) {
            DeployedStateMachines.of(camelContext).remove(this); // no Task starts it any more
        }
        // executions still here (waiting, or in a Task) end their callers' wait: nothing will run them here again
        String why = " was stopped with its state machine (the CamelContext stopped)" + (store.durable()
                ? ": it stays RUNNING in the execution store and resumes from its last checkpoint when the state "
                + "machine is deployed again" : ": the in-memory store does not keep it");
        for (Execution execution : List.copyOf(running.values())) {
            execution.suspend("Execution " + execution.arn() + why);
        }
        waitingOutOfMemory.forEach((arn, waiter) ->
                waiter.completeExceptionally(new ExecutionSuspendedException("Execution " + arn + why)));
        waitingOutOfMemory.clear();
        ServiceHelper.stopService(driver);
        for (String id : routeIds) {
            camelContext.getRouteController().stopRoute(id);
            camelContext.removeRoute(id);
        }
        pools.forEach(camelContext.getExecutorServiceManager()::shutdown);
        synchronized (this) {
            if (workers != null) {
                camelContext.getExecutorServiceManager().shutdown(workers);
            }
        }
    }

    /** The definition text this runtime runs. */
    public String definition() {
        return definition;
    }

    public StateMachine machine() {
        return machine;
    }

    public StateMachineConfig config() {
        return config;
    }

    public ExecutionStore store() {
        return store;
    }

    public List<String> routeIds() {
        return routeIds;
    }
}
