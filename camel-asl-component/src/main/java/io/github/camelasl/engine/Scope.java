package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Bindings;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.history.HistoryEvent;
import io.github.camelasl.model.State;
import io.github.camelasl.model.StateMachine;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.store.ExecutionStore.Checkpoint;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * One run of a (sub-)state machine: the whole execution, a Parallel branch or a Map iteration. It knows the
 * current state, that state's input, and how the run ended. A scope is used by one thread at a time: the
 * driver loop hands it from state route to state route.
 */
public final class Scope {

    /** What part of a state is running, so a failure can be told apart: the engine's, a Task's, or a branch's. */
    public enum Phase { DATAFLOW, TASK_CALL, FAN_OUT_RESULT }

    private final Execution execution;
    private final StateMachine machine;
    private final Scope parent;
    private final ObjectNode mapItem;
    private final Variables variables;

    private State current;
    private JsonNode stateInput;
    private JsonNode effectiveInput;
    /** When the current state was entered, epoch milliseconds ($$.State.EnteredTime); 0 before. */
    private long enteredMillis;
    private long enteredEventId;
    private long lastEventId;
    private ObjectNode context;
    private final Bindings bindings;
    private boolean retrying;
    private int[] retryAttempts;
    private int retryCount;
    private long delayMillis;
    private Phase phase = Phase.DATAFLOW;
    private FanOut fanOut;
    private int mapConcurrency;
    private Long taskTimeoutSeconds;
    private Long taskHeartbeatSeconds;

    /** The last checkpoint written for this scope (when the store keeps them). */
    private Checkpoint checkpoint;
    private HistoryEvent resumedEntered;
    private String taskToken;
    private String resumedTaskToken;
    private boolean awaitsResumedToken;
    /** A redriven Parallel or Map: the outputs of its runs that succeeded before it failed (see FanOut.keep). */
    private com.fasterxml.jackson.databind.node.ArrayNode redrivenRuns;
    /** When a top-level Wait parked the execution (no exchange, no thread): its due time; 0 otherwise. */
    private long parkedUntil;
    private Instant resumedWaitUntil;

    private boolean done;
    private JsonNode output;
    private long outputBytes;
    private AslError failure;

    Scope(Execution execution, StateMachine machine, Scope parent, ObjectNode mapItem, long previousEventId,
            JsonNode input) {
        this(execution, machine, parent, mapItem, previousEventId);
        moveTo(machine.startAt(), input);
    }

    private Scope(Execution execution, StateMachine machine, Scope parent, ObjectNode mapItem,
            long previousEventId) {
        this.execution = execution;
        this.machine = machine;
        this.parent = parent;
        this.mapItem = mapItem;
        this.variables = new Variables(parent == null ? null : parent.variables);
        this.lastEventId = previousEventId;
        // one for the scope's life: it reads the current state's context object and the variables as they are
        this.bindings = new Bindings(this::contextObject, variables::get);
    }

    /**
     * The top-level scope of an execution resumed from its last checkpoint: in the checkpoint's state, with its
     * input and variables. {@code entered} is the StateEntered event the store holds for that state, if it was
     * recorded before the restart (it is then not recorded again).
     */
    static Scope resumed(Execution execution, StateMachine machine, Checkpoint checkpoint, HistoryEvent entered) {
        Scope scope = new Scope(execution, machine, null, null, execution.history().lastEventId());
        scope.current = machine.state(checkpoint.stateName());
        if (scope.current == null) {
            throw new IllegalStateException("the checkpoint names state '" + checkpoint.stateName()
                    + "', which the definition does not have");
        }
        scope.stateInput = checkpoint.input();
        scope.variables.restore(checkpoint.variables(), execution.config().limits());
        scope.checkpoint = checkpoint;
        scope.resumedWaitUntil = checkpoint.waitUntil();
        scope.resumedTaskToken = checkpoint.taskToken();
        scope.redrivenRuns = checkpoint.succeededRuns();
        if (checkpoint.retryAttempts() != null) {
            // it was waiting out a retry's back-off: the attempts made so far still count against MaxAttempts
            scope.retryAttempts = new int[checkpoint.retryAttempts().size()];
            for (int i = 0; i < scope.retryAttempts.length; i++) {
                scope.retryAttempts[i] = checkpoint.retryAttempts().get(i).asInt();
                scope.retryCount += scope.retryAttempts[i];
            }
            scope.retrying = true;
        }
        if (entered != null) {
            scope.resumedEntered = entered;
            if (scope.retrying) {
                scope.resumeEntered(); // a retry goes on with the visit's StateEntered, recorded before the restart
            }
        }
        return scope;
    }

    /** A Parallel branch or Map iteration scope inside this one. */
    public Scope child(StateMachine subMachine, ObjectNode item, long previousEventId, JsonNode input) {
        return new Scope(execution, subMachine, this, item, previousEventId, input);
    }

    /** Moves to the next state: the one boundary at which a scope is checkpointed. */
    void moveTo(String stateName, JsonNode input) {
        this.current = machine.state(stateName);
        this.stateInput = input;
        this.effectiveInput = null;
        this.context = null;
        this.retrying = false;
        this.retryAttempts = null;
        this.retryCount = 0;
        this.taskToken = null;
        if (execution.isFinished()) {
            return;
        }
        ExecutionStore.Recorder recorder = execution.recorder();
        if (recorder != ExecutionStore.Recorder.NOWHERE) {
            // the top-level scope's checkpoint carries what a resume needs (see StateMachineRuntime.resume)
            checkpoint = new Checkpoint(machine.pointer(), stateName, input, lastEventId,
                    parent == null ? variables.snapshot() : null, null, null, null, null);
            if (InlineStates.handles(current)) {
                recorder.checkpointDeferred(checkpoint); // durable with the next state that calls out, waits or ends
            } else {
                recorder.checkpoint(checkpoint);
            }
        }
    }

    /**
     * A Wait (or back-off) of the top-level scope is about to wait until {@code until}: recorded, so that after a
     * restart it waits only what is left.
     */
    void waitingUntil(Instant until) {
        if (parent == null && checkpoint != null && !execution.isFinished()) {
            checkpoint = checkpoint.waitingUntil(until);
            execution.recorder().checkpoint(checkpoint);
        }
    }

    /**
     * The current state failed and is retried after {@link #delayMillis()}: for the top-level scope the
     * checkpoint records when and the attempts made, so that after a restart it waits only what is left of the
     * back-off and MaxAttempts still counts them.
     */
    void retryScheduled(int[] attempts) {
        if (parent == null && checkpoint != null && !execution.isFinished()
                && execution.recorder() != ExecutionStore.Recorder.NOWHERE) {
            com.fasterxml.jackson.databind.node.ArrayNode made = Json.NODES.arrayNode(attempts.length);
            for (int attempt : attempts) {
                made.add(attempt);
            }
            checkpoint = checkpoint.retryingAt(Instant.ofEpochMilli(execution.clock().millis() + delayMillis), made);
            execution.recorder().checkpoint(checkpoint);
        }
    }

    /** Once, for a scope resumed while it waited out a retry's back-off: the milliseconds left of it, else 0. */
    long takeResumedBackOffMillis() {
        if (resumedWaitUntil == null || current instanceof io.github.camelasl.model.WaitState) {
            return 0;
        }
        long left = resumedWaitUntil.toEpochMilli() - execution.clock().millis();
        resumedWaitUntil = null;
        return Math.max(0, left);
    }

    /**
     * The top-level scope's Parallel or Map failed, after {@code succeeded} of its runs had succeeded (their outputs
     * by index, null for the others): kept with the checkpoint, so that a redrive runs only the others.
     */
    void fanOutFailed(com.fasterxml.jackson.databind.node.ArrayNode succeeded) {
        if (parent == null && checkpoint != null && !execution.isFinished()) {
            checkpoint = checkpoint.withSucceededRuns(succeeded);
            execution.recorder().checkpoint(checkpoint);
        }
    }

    /** The runs a redriven Parallel or Map keeps (once: a Retry of it runs every run again), or null. */
    com.fasterxml.jackson.databind.node.ArrayNode takeRedrivenRuns() {
        com.fasterxml.jackson.databind.node.ArrayNode runs = redrivenRuns;
        redrivenRuns = null;
        return runs;
    }

    /**
     * Parks the top-level scope until {@code untilMillis}: its driver loop ends, and the runtime goes on from
     * the Wait's end when it is due (see StateMachineRuntime.park).
     */
    void park(long untilMillis) {
        this.parkedUntil = untilMillis;
    }

    public boolean parked() {
        return parkedUntil != 0;
    }

    long parkedUntil() {
        return parkedUntil;
    }

    void unpark() {
        this.parkedUntil = 0;
    }

    /** The token the current .waitForTaskToken Task hands out ($$.Task.Token), or null. */
    public String taskToken() {
        return taskToken;
    }

    void taskToken(String token) {
        this.taskToken = token;
        this.context = null; // $$.Task.Token
    }

    /**
     * The Task's endpoint took the token: the top-level scope's checkpoint records it, so that after a restart
     * the Task waits for the same token instead of calling its endpoint again.
     */
    public void awaitingToken() {
        if (parent == null && checkpoint != null && !execution.isFinished()) {
            checkpoint = checkpoint.awaitingToken(taskToken);
            execution.recorder().checkpoint(checkpoint);
        }
    }

    /** Once: the token a resumed Task was waiting for before the restart, or null. */
    String takeResumedTaskToken() {
        String token = resumedTaskToken;
        resumedTaskToken = null;
        return token;
    }

    /** True while a resumed Task goes on waiting for the token it handed out before the restart. */
    public boolean awaitsResumedToken() {
        return awaitsResumedToken;
    }

    void awaitsResumedToken(boolean value) {
        this.awaitsResumedToken = value;
    }

    /** Once: true when the current state's StateEntered was recorded before a restart (see {@link #resumed}). */
    boolean resumeEntered() {
        HistoryEvent entered = resumedEntered;
        if (entered == null) {
            return false;
        }
        resumedEntered = null;
        this.enteredMillis = entered.timestamp().toEpochMilli();
        this.enteredEventId = entered.id();
        return true;
    }

    /** Once: when a resumed Wait state was due to end, or null. */
    Instant takeResumedWaitUntil() {
        Instant until = resumedWaitUntil;
        resumedWaitUntil = null;
        return until;
    }

    /** Ends this run with {@code finalOutput}, of {@code bytes} (an upper bound, see PayloadSize) as JSON text. */
    void succeed(JsonNode finalOutput, long bytes) {
        this.output = finalOutput;
        this.outputBytes = bytes;
        this.done = true;
    }

    void fail(AslError error) {
        this.failure = error;
        this.done = true;
    }

    /** Ends this run with an error raised outside any state (an engine fault caught by its route). */
    public void failRun(AslError error) {
        fail(error);
    }

    /** True when this scope should stop looping: it ended, or the whole execution did. */
    public boolean finished() {
        if (done || execution.isFinished()) {
            return true;
        }
        // a failed sibling anywhere up the tree (a Parallel or Map that has given up) stops this run too
        for (Scope up = parent; up != null; up = up.parent) {
            if (up.fanOut != null && up.fanOut.aborted()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The context object {@code $$} as this state sees it, built once per state entry (most states never
     * read it).
     */
    public JsonNode contextObject() {
        if (context == null) {
            ObjectNode ctx = Json.NODES.objectNode();
            ctx.set("Execution", execution.contextExecution());
            ObjectNode state = ctx.putObject("State");
            state.put("Name", current.name());
            state.put("EnteredTime", DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(
                    enteredMillis == 0 ? execution.clock().millis() : enteredMillis)));
            if (current instanceof io.github.camelasl.model.ErrorHandling) {
                state.put("RetryCount", retryCount);
            }
            ctx.set("StateMachine", execution.contextStateMachine());
            if (taskToken != null) {
                ctx.putObject("Task").put("Token", taskToken);
            }
            context = ctx;
        }
        return context;
    }

    /** What {@code $$} and {@code $name} refer to in this state: its context object and the variables. */
    public Bindings bindings() {
        return bindings;
    }

    /** The bindings with {@code $$.Map.Item} set, as a Map's ItemSelector sees them. */
    Bindings bindingsWithMapItem(int index, JsonNode value) {
        ObjectNode ctx = ((ObjectNode) contextObject()).deepCopy();
        ObjectNode item = ctx.putObject("Map").putObject("Item");
        item.put("Index", index);
        item.set("Value", value);
        return new Bindings(ctx, variables::get);
    }

    Variables variables() {
        return variables;
    }

    long record(io.github.camelasl.history.HistoryEventType type, String typeName, ObjectNode details) {
        return recordLazily(type, typeName, details == null ? null : () -> details);
    }

    /** Records an event whose details are built only if it is read. */
    long recordLazily(io.github.camelasl.history.HistoryEventType type, String typeName,
            java.util.function.Supplier<ObjectNode> details) {
        if (execution.isFinished()) {
            return lastEventId; // a branch still running after a timeout or failure writes nothing more
        }
        lastEventId = execution.history().append(type, typeName, lastEventId, details);
        return lastEventId;
    }

    long recordLazily(io.github.camelasl.history.HistoryEventType type,
            java.util.function.Supplier<ObjectNode> details) {
        return recordLazily(type, type.name(), details);
    }

    long record(io.github.camelasl.history.HistoryEventType type, ObjectNode details) {
        return record(type, type.name(), details);
    }

    // --- plain accessors, for the steps and the routes ---

    public Execution execution() {
        return execution;
    }

    public StateMachine machine() {
        return machine;
    }

    public Scope parent() {
        return parent;
    }

    public State current() {
        return current;
    }

    public JsonNode stateInput() {
        return stateInput;
    }

    JsonNode effectiveInput() {
        return effectiveInput;
    }

    void effectiveInput(JsonNode value) {
        this.effectiveInput = value;
    }

    void entered(long epochMillis, long eventId) {
        this.enteredMillis = epochMillis;
        this.enteredEventId = eventId;
    }

    /** The id of the current state's StateEntered event: with the execution ARN, it names the state visit. */
    public long enteredEventId() {
        return enteredEventId;
    }

    public long lastEventId() {
        return lastEventId;
    }

    boolean retrying() {
        return retrying;
    }

    void retrying(boolean value) {
        this.retrying = value;
        this.context = null;
    }

    int[] retryAttempts(int retriers) {
        if (retryAttempts == null) {
            retryAttempts = new int[retriers];
        }
        return retryAttempts;
    }

    /** How many times the current state has been retried ($$.State.RetryCount). */
    public int retryCount() {
        return retryCount;
    }

    void countRetry() {
        retryCount++;
    }

    /** Milliseconds the route should wait (asynchronously) before going on: a Wait state or a retry back-off. */
    public long delayMillis() {
        return delayMillis;
    }

    void delayMillis(long millis) {
        this.delayMillis = millis;
    }

    public Phase phase() {
        return phase;
    }

    public void phase(Phase value) {
        this.phase = value;
    }

    public FanOut fanOut() {
        return fanOut;
    }

    void fanOut(FanOut value) {
        this.fanOut = value;
    }

    /** The running Task's TimeoutSeconds, as evaluated when it was scheduled; null for none. */
    /** The running Task's HeartbeatSeconds, evaluated once as it was entered (null: none). */
    public Long taskHeartbeatSeconds() {
        return taskHeartbeatSeconds;
    }

    void taskHeartbeatSeconds(Long seconds) {
        this.taskHeartbeatSeconds = seconds;
    }

    public Long taskTimeoutSeconds() {
        return taskTimeoutSeconds;
    }

    void taskTimeoutSeconds(Long value) {
        this.taskTimeoutSeconds = value;
    }

    /** How many iterations the running Map state may run at once (1 means one after the other). */
    public int mapConcurrency() {
        return mapConcurrency;
    }

    void mapConcurrency(int value) {
        this.mapConcurrency = value;
    }

    ObjectNode mapItem() {
        return mapItem;
    }

    public boolean done() {
        return done;
    }

    public JsonNode output() {
        return output;
    }

    /** The size of {@link #output()} as measured when the run ended: exact, or an upper bound (PayloadSize). */
    long outputBytes() {
        return outputBytes;
    }

    public AslError failure() {
        return failure;
    }
}
