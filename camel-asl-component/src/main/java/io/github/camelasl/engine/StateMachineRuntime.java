package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.history.HistoryEvent;
import io.github.camelasl.history.HistoryListener;
import io.github.camelasl.model.StateMachine;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.store.ExecutionStore.Checkpoint;
import io.github.camelasl.store.ExecutionStoreException;
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

    private final CamelContext camelContext;
    private final StateMachine machine;
    private final String definition;
    private final StateMachineConfig config;
    private final ExecutionStore store;
    private final ScheduledExecutorService timers;
    private final String driverUri;
    private final List<String> routeIds;
    private final List<java.util.concurrent.ExecutorService> pools;
    private volatile AsyncProducer driver;
    private java.util.concurrent.ExecutorService workers;

    public StateMachineRuntime(CamelContext camelContext, StateMachine machine, String definition,
            StateMachineConfig config, ExecutionStore store, ScheduledExecutorService timers, String driverUri,
            List<String> routeIds, List<java.util.concurrent.ExecutorService> pools) {
        this.camelContext = camelContext;
        this.machine = machine;
        this.definition = definition;
        this.config = config;
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
     * @param headers       message headers passed on to every Task's endpoint (may be empty)
     * @param listeners     told of each history event as it is written
     */
    public CompletableFuture<ExecutionResult> start(JsonNode input, String executionName, Map<String, Object> headers,
            List<HistoryListener> listeners) {
        String name = executionName != null ? executionName : Ids.uuid();
        Execution execution = new Execution(config, name, input, store, listeners, headers, definition);
        execution.started();
        Scope scope = new Scope(execution, machine, null, null, execution.history().lastEventId(), input);
        return run(execution, scope, headers);
    }

    /**
     * Resumes an execution a durable store holds as RUNNING (after a restart): from its last checkpoint, in the
     * state it had reached, with that state's input and the variables it had. Its StateEntered is not recorded
     * again when the store has it; a Task it was running runs again (at least once); a Wait waits only what is
     * left. A Parallel or Map it was in runs again from its start.
     *
     * @param record    the execution as the store holds it (its definition must be this runtime's)
     * @param listeners told of each new history event
     */
    public CompletableFuture<ExecutionResult> resume(ExecutionRecord record, List<HistoryListener> listeners) {
        List<HistoryEvent> events = store.events(record.executionArn()).stream()
                .map(event -> HistoryEvent.stored((ObjectNode) event)).toList();
        Execution execution = Execution.resumed(config, record, events, store, listeners);
        Checkpoint checkpoint = store.lastCheckpoint(record.executionArn())
                // stopped between its creation and its first checkpoint: it starts over
                .orElse(new Checkpoint(Checkpoint.TOP, machine.startAt(), record.input(),
                        execution.history().lastEventId(), null, null));
        // the state's StateEntered, if it was recorded after the checkpoint
        HistoryEvent entered = events.stream()
                .filter(event -> event.id() > checkpoint.lastEventId() && event.type().endsWith("StateEntered")
                        && checkpoint.stateName().equals(event.toJson().path("stateEnteredEventDetails")
                                .path("name").asText()))
                .findFirst().orElse(null);
        Scope scope = Scope.resumed(execution, machine, checkpoint, entered);
        return run(execution, scope, Map.of());
    }

    /** Runs a started or resumed execution from its scope's current state. */
    private CompletableFuture<ExecutionResult> run(Execution execution, Scope scope, Map<String, Object> headers) {
        if (machine.timeoutSeconds() != null) {
            // the timer thread only hands off: what follows the end runs on a Camel worker thread
            long left = execution.startTime().toEpochMilli() + machine.timeoutSeconds() * 1000L
                    - System.currentTimeMillis();
            var timer = timers.schedule(() -> worker().execute(
                    () -> execution.finish(ExecutionStatus.TIMED_OUT, null, null, null)),
                    Math.max(0, left), TimeUnit.MILLISECONDS);
            execution.completion().whenComplete((r, e) -> timer.cancel(false));
        }
        // states that only move data run right here; a Camel exchange is made only when a state needs a route
        try {
            InlineStates.run(scope);
        } catch (RuntimeException e) {
            end(execution, scope, e);
            return execution.completion();
        }
        if (scope.finished()) {
            end(execution, scope, null);
            return execution.completion();
        }
        Exchange exchange = new DefaultExchange(camelContext);
        exchange.setProperty(SCOPE_PROPERTY, scope);
        if (headers != null && !headers.isEmpty()) {
            exchange.getMessage().setHeaders(new java.util.HashMap<>(headers));
        }
        driver().process(exchange, doneSync -> end(execution, scope, exchange.getException()));
        return execution.completion();
    }

    private void end(Execution execution, Scope scope, Throwable fault) {
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
        }
        return workers;
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
