package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.history.HistoryListener;
import io.github.camelasl.model.StateMachine;
import io.github.camelasl.store.ExecutionStore;
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
    private final StateMachineConfig config;
    private final ExecutionStore store;
    private final ScheduledExecutorService timers;
    private final String driverUri;
    private final List<String> routeIds;
    private final List<java.util.concurrent.ExecutorService> pools;
    private volatile AsyncProducer driver;
    private java.util.concurrent.ExecutorService workers;

    public StateMachineRuntime(CamelContext camelContext, StateMachine machine, StateMachineConfig config,
            ExecutionStore store, ScheduledExecutorService timers, String driverUri, List<String> routeIds,
            List<java.util.concurrent.ExecutorService> pools) {
        this.camelContext = camelContext;
        this.machine = machine;
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
        Execution execution = new Execution(config, name, input, store, listeners, headers);
        execution.started();
        Scope scope = new Scope(execution, machine, null, null, execution.history().lastEventId(), input);
        if (machine.timeoutSeconds() != null) {
            // the timer thread only hands off: what follows the end runs on a Camel worker thread
            var timer = timers.schedule(() -> worker().execute(
                    () -> execution.finish(ExecutionStatus.TIMED_OUT, null, null, null)),
                    machine.timeoutSeconds(), TimeUnit.SECONDS);
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

    private static void end(Execution execution, Scope scope, Throwable fault) {
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
