package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.history.EventDetails;
import io.github.camelasl.history.HistoryEvent;
import io.github.camelasl.history.ExecutionHistory;
import io.github.camelasl.history.HistoryEventType;
import io.github.camelasl.history.HistoryListener;
import io.github.camelasl.mock.TaskMocks;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.ExecutionStore;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One running execution: its identity, its history and how it ends. The ending is decided once: by the last
 * state, a failure, the execution timeout or a stop, whichever comes first.
 */
public final class Execution {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Execution.class);

    private final StateMachineConfig config;
    private final String name;
    private final String arn;
    private final String stateMachineArn;
    private final JsonNode input;
    private final Instant startTime;
    private final ExecutionHistory history;
    private final ExecutionStore store;
    /** Its state machine's: every time it reads, and every timer it sets. */
    private final EngineClock clock;
    /** The definition text it runs, kept with it in the store: a resumed execution runs the same version. */
    private final String definition;
    /** Bound once the store holds the execution (see started()); written before any event or checkpoint. */
    private ExecutionStore.Recorder recorder;
    private volatile ObjectNode contextExecution;
    private volatile ObjectNode contextStateMachine;
    private final Map<String, Object> originalHeaders;
    private final AtomicReference<ExecutionResult> result = new AtomicReference<>();
    private final CompletableFuture<ExecutionResult> completion = new CompletableFuture<>();
    private volatile java.util.concurrent.Future<?> timeoutTimer;
    private volatile Runnable onFinish;
    /** Its caller holds {@link #completion()} for the result (not so for StartExecution's). */
    private boolean awaited;
    /** RedriveExecution's count and last date ($$.Execution.RedriveCount, RedriveTime). */
    private int redriveCount;
    private ObjectNode restartedFrom;
    /** The mock test case it runs (Step Functions Local's #TestCase), or null: set before started(). */
    private TaskMocks mocks;
    /** Who watches it (see {@link ExecutionObserver}): set before its first event, by its runtime. */
    private volatile DeploymentObservers observers = DeploymentObservers.NONE;
    private Instant redriveDate;
    /** Its Distributed Map runs, by ARN: UpdateMapRun finds a running one here. */
    private final Map<String, MapRun> mapRuns = new java.util.concurrent.ConcurrentHashMap<>();

    Execution(StateMachineConfig config, String name, JsonNode input, ExecutionStore store,
            List<HistoryListener> listeners, Map<String, Object> originalHeaders, String definition) {
        this(config, name, config.executionArn(name), input, config.clock().instant(), store,
                List.of(), listeners, originalHeaders, definition);
    }

    private Execution(StateMachineConfig config, String name, String arn, JsonNode input, Instant startTime,
            ExecutionStore store, List<HistoryEvent> earlierEvents, List<HistoryListener> listeners,
            Map<String, Object> originalHeaders, String definition) {
        this.config = config;
        this.name = name;
        this.arn = arn;
        this.stateMachineArn = config.stateMachineArn();
        this.input = input;
        this.startTime = startTime; // AWS's precision (milliseconds), so a resumed execution reports the same
        this.store = store;
        this.definition = definition;
        this.originalHeaders = originalHeaders == null ? Map.of() : Map.copyOf(originalHeaders);
        int maxEvents = config.limits().maxHistoryEvents();
        this.clock = config.clock();
        this.history = new ExecutionHistory(arn, earlierEvents, listeners, this::recorded,
                maxEvents, millisOf(clock),
                () -> finish(ExecutionStatus.FAILED, null, ErrorNames.RUNTIME,
                        "The execution reached the maximum number of history events (" + maxEvents + ")."));
    }

    /** Each event, in id order: to the store, and to the observers as it is recorded. */
    private void recorded(HistoryEvent event) {
        try {
            recorder.appendEvent(event);
        } finally {
            observers.onEvent(arn, event); // the event is in the history even when the store failed on it
        }
    }

    /**
     * An execution read back from a durable store after a restart: its history goes on from the events the
     * store holds. It does not record ExecutionStarted again.
     */
    static Execution resumed(StateMachineConfig config, ExecutionRecord record, List<HistoryEvent> events,
            ExecutionStore store, List<HistoryListener> listeners, Map<String, Object> originalHeaders) {
        Execution execution = new Execution(config, record.name(), record.executionArn(), record.input(),
                record.startDate(), store, events, listeners, originalHeaders, record.definition());
        execution.recorder = store.recorder(record.executionArn());
        execution.redriveCount = record.redriveCount();
        execution.redriveDate = record.redriveDate();
        if (events.isEmpty()) {
            // stopped after the store took it and before its first boundary was committed
            execution.recordStarted();
        }
        return execution;
    }

    /** Records the start; an execution of the same ARN in the store is AWS's ExecutionAlreadyExists. */
    void started() {
        ExecutionRecord record = new ExecutionRecord(arn, stateMachineArn, name, ExecutionStatus.RUNNING,
                input, null, null, null, startTime, null, definition);
        if (store.create(record) != record) {
            throw new AslError("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
        }
        // EXPRESS history stays with the execution (its result, the listeners), not in the store: AWS keeps none
        // for EXPRESS (GetExecutionHistory does not support it), and keeping it would make every execution's
        // payloads outlive it, which costs more than running it (the benchmark suite's W1 measured 3x)
        recorder = config.express() ? ExecutionStore.Recorder.NOWHERE : store.recorder(arn);
        recordStarted();
    }

    private void recordStarted() {
        // the event is kept by the store, which outlives this object (a long Wait leaves memory): it holds only
        // what it renders, not the execution
        JsonNode startInput = input;
        StateMachineConfig machine = config;
        ObjectNode restarted = restartedFrom;
        String testCase = mocks == null ? null : mocks.testCaseName();
        history.append(HistoryEventType.ExecutionStarted, HistoryEventType.ExecutionStarted.name(), 0, () -> {
            ObjectNode details = EventDetails.withInput(startInput);
            details.put("roleArn", machine.effectiveRoleArn());
            if (restarted != null) {
                details.set("restartedFrom", restarted); // beyond AWS: the execution this one restarts
            }
            if (testCase != null) {
                // beyond AWS: the mocks live in memory only, and this tells a resume or redrive that it ran with them
                details.put(MOCK_TEST_CASE, testCase);
            }
            return details;
        });
    }

    /** ExecutionStarted's detail naming the mock test case an execution ran (see {@link #mockTestCase}). */
    static final String MOCK_TEST_CASE = "mockTestCase";

    /** Before started(): its Tasks the test case mocks answer from it instead of their endpoints. */
    void mocks(TaskMocks mocks) {
        this.mocks = mocks;
    }

    void observers(DeploymentObservers value) {
        this.observers = value;
    }

    DeploymentObservers observers() {
        return observers;
    }

    void mapRunStarted(MapRun run) {
        mapRuns.put(run.arn(), run);
    }

    /** One of its Distributed Map runs, or null. */
    public MapRun mapRun(String mapRunArn) {
        return mapRuns.get(mapRunArn);
    }

    /** The mocks of its test case, or null when it runs none. */
    public TaskMocks mocks() {
        return mocks;
    }

    /**
     * The mock test case a stored execution ran, from its ExecutionStarted event, or null. Its mocks were in memory
     * only: resumed or redriven without them, its mocked Tasks would call their real endpoints.
     */
    static String mockTestCase(List<HistoryEvent> events) {
        if (events.isEmpty()) {
            return null;
        }
        JsonNode name = events.get(0).toJson().path("executionStartedEventDetails").path(MOCK_TEST_CASE);
        return name.isTextual() ? name.textValue() : null;
    }

    /** Its caller will wait for the result, perhaps only once the start returns. */
    void awaited() {
        awaited = true;
    }

    /** True when someone waits for the result, or its caller will. */
    boolean resultAwaited() {
        return awaited || completion.getNumberOfDependents() > 0;
    }

    /** Before started(): this execution restarts {@code executionArn} from {@code stateName} (see restart). */
    void restartedFrom(String executionArn, String stateName) {
        restartedFrom = Json.NODES.objectNode().put("executionArn", executionArn).put("stateName", stateName);
    }

    /** Ends the execution once; later calls (a branch finishing after a timeout, say) are ignored. */
    boolean finish(ExecutionStatus status, JsonNode output, String error, String cause) {
        Instant stop = clock.instant();
        ExecutionResult ended = new ExecutionResult(arn, name, status, output, error, cause, startTime, stop, null);
        if (!result.compareAndSet(null, ended)) {
            return false;
        }
        cancelTimeoutTimer();
        // a map run still going ends with its execution (stopped, timed out, failed elsewhere)
        mapRuns.values().forEach(run -> run.end(MapRun.ABORTED));
        Runnable finished = onFinish;
        if (finished != null) {
            finished.run();
        }
        try {
            long last = history.lastEventId();
            switch (status) {
                case SUCCEEDED -> history.append(HistoryEventType.ExecutionSucceeded,
                        HistoryEventType.ExecutionSucceeded.name(), last, () -> EventDetails.withOutput(output));
                case FAILED -> history.append(HistoryEventType.ExecutionFailed, last, EventDetails.failure(error, cause));
                case TIMED_OUT -> history.append(HistoryEventType.ExecutionTimedOut, last,
                        EventDetails.failure(error, cause));
                case ABORTED -> history.append(HistoryEventType.ExecutionAborted, last,
                        EventDetails.failure(error, cause));
                default -> throw new IllegalStateException("not an end status: " + status);
            }
            store.complete(new ExecutionRecord(arn, stateMachineArn, name, status, input, output, error,
                    cause, startTime, stop, definition, redriveCount, redriveDate));
        } catch (io.github.camelasl.store.RefusedWriteException e) {
            failRefused(e); // its end, or a write before it, holds what the store refuses: resuming would too
        } catch (io.github.camelasl.store.ExecutionStoreException e) {
            if (store.durable()) {
                // its end is not committed: it is not over for the store, and resumes from its last checkpoint
                suspend("Execution " + arn + " ended " + status + " here, but the store could not record it: "
                        + e.getMessage() + ". It stays "
                        + "RUNNING in the execution store and resumes from its last committed checkpoint when its "
                        + "state machine is deployed again.");
                return true;
            }
            throw e;
        } finally {
            // whatever a store or listener did, the caller gets its answer
            if (!completion.isDone()) {
                completion.complete(new ExecutionResult(arn, name, status, output, error, cause, startTime, stop,
                        history.events()));
            }
        }
        return true;
    }

    /**
     * Ends the execution FAILED (States.Runtime) because the store refused a write of its own data: what it could
     * not commit is dropped, and ExecutionFailed follows its last committed boundary. Suspended instead, it would
     * stay RUNNING, and every resume would call its Tasks again and be refused the same way.
     */
    void failRefused(io.github.camelasl.store.RefusedWriteException refused) {
        Instant stop = clock.instant();
        String cause = "The execution store refused to record execution " + arn + ": " + refused.getMessage();
        ExecutionResult failed = new ExecutionResult(arn, name, ExecutionStatus.FAILED, null, ErrorNames.RUNTIME,
                cause, startTime, stop, null);
        if (result.getAndSet(failed) == null) { // else finish() has done this, for the end the store refused
            cancelTimeoutTimer();
            Runnable finished = onFinish;
            if (finished != null) {
                finished.run();
            }
        }
        history.end(); // what branches winding down write would follow the end below
        try {
            store.discardUncommitted(arn);
            List<HistoryEvent> committed = store.events(arn).stream()
                    .map(event -> HistoryEvent.stored((ObjectNode) event)).toList();
            ExecutionHistory ending = new ExecutionHistory(arn, committed, history.listeners(),
                    store.recorder(arn)::appendEvent, Integer.MAX_VALUE, millisOf(clock), () -> { });
            ending.append(HistoryEventType.ExecutionFailed, ending.lastEventId(),
                    EventDetails.failure(ErrorNames.RUNTIME, cause));
            store.complete(new ExecutionRecord(arn, stateMachineArn, name, ExecutionStatus.FAILED, input, null,
                    ErrorNames.RUNTIME, cause, startTime, stop, definition, redriveCount, redriveDate));
            LOG.warn("{}. It ends FAILED ({}).", io.github.camelasl.history.TerminalText.escape(cause),
                    ErrorNames.RUNTIME);
            completion.complete(new ExecutionResult(arn, name, ExecutionStatus.FAILED, null, ErrorNames.RUNTIME,
                    cause, startTime, stop, ending.events()));
        } catch (io.github.camelasl.store.ExecutionStoreException e) {
            suspend(cause + ". Nor could the store record its end: " + e.getMessage() + ". It stays RUNNING in the "
                    + "execution store and resumes from its last committed checkpoint when its state machine is "
                    + "deployed again.");
        }
    }

    /**
     * Gives up running the execution here without ending it (the store keeps it RUNNING, to resume after a
     * restart): the caller waiting for it is told why.
     */
    void suspend(String why) {
        completion.completeExceptionally(new ExecutionSuspendedException(why));
    }

    /** The timer of its TimeoutSeconds: cancelled when it ends, or when it leaves memory to wait. */
    void timeoutTimer(java.util.concurrent.Future<?> timer) {
        this.timeoutTimer = timer;
    }

    /**
     * Run once when it ends (the runtime forgets it). A field, not a callback on {@link #completion()}: the
     * future may outlive the execution (a caller waiting while it is out of memory), and must not hold it.
     */
    void onFinish(Runnable action) {
        this.onFinish = action;
    }

    void cancelTimeoutTimer() {
        java.util.concurrent.Future<?> timer = timeoutTimer;
        if (timer != null) {
            timer.cancel(false);
            timeoutTimer = null;
        }
    }

    /** Records ExecutionRedriven: a redrive of this (resumed) execution begins. */
    void redriven() {
        history.append(HistoryEventType.ExecutionRedriven, history.lastEventId(),
                Json.NODES.objectNode().put("redriveCount", redriveCount));
    }

    /** When its TimeoutSeconds began: its start, or its last redrive. */
    Instant timeoutBase() {
        return redriveDate != null ? redriveDate : startTime;
    }

    /** When it ended (null while it runs). */
    Instant stopDate() {
        ExecutionResult ended = result.get();
        return ended == null ? null : ended.stopDate();
    }

    /** True once the execution has ended; running scopes stop at their next state boundary. */
    public boolean isFinished() {
        return result.get() != null;
    }

    public CompletableFuture<ExecutionResult> completion() {
        return completion;
    }

    public String arn() {
        return arn;
    }

    public String name() {
        return name;
    }

    /** The clock's millis for a history: the system's without an object per execution. */
    static java.util.function.LongSupplier millisOf(EngineClock clock) {
        return clock == EngineClock.system() ? System::currentTimeMillis : clock::millis;
    }

    /** The clock it reads and schedules on (its state machine's). */
    public EngineClock clock() {
        return clock;
    }

    public Instant startTime() {
        return startTime;
    }

    public JsonNode input() {
        return input;
    }

    public StateMachineConfig config() {
        return config;
    }

    public ExecutionHistory history() {
        return history;
    }

    ExecutionStore store() {
        return store;
    }

    /** The store's per-boundary calls for this execution. */
    ExecutionStore.Recorder recorder() {
        return recorder;
    }

    public Map<String, Object> originalHeaders() {
        return originalHeaders;
    }

    /** {@code $$.Execution}, built when a state first reads the context object. */
    ObjectNode contextExecution() {
        ObjectNode built = contextExecution;
        if (built == null) {
            built = Json.NODES.objectNode();
            built.put("Id", arn);
            built.set("Input", input);
            built.put("StartTime", DateTimeFormatter.ISO_INSTANT.format(startTime));
            built.put("Name", name);
            built.put("RoleArn", config.effectiveRoleArn());
            built.put("RedriveCount", redriveCount);
            if (redriveDate != null) {
                built.put("RedriveTime", DateTimeFormatter.ISO_INSTANT.format(redriveDate));
            }
            contextExecution = built;
        }
        return built;
    }

    /** {@code $$.StateMachine}, built on first use. */
    ObjectNode contextStateMachine() {
        ObjectNode built = contextStateMachine;
        if (built == null) {
            built = Json.NODES.objectNode();
            built.put("Id", stateMachineArn);
            built.put("Name", config.name());
            contextStateMachine = built;
        }
        return built;
    }
}
