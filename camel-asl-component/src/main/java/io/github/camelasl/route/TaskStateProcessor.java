package io.github.camelasl.route;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.engine.FailurePolicy;
import io.github.camelasl.engine.Scope;
import io.github.camelasl.engine.StepCaching;
import io.github.camelasl.engine.StoppableDelay;
import io.github.camelasl.engine.TaskStep;
import io.github.camelasl.model.TaskState;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.service.ServiceHelper;

/**
 * A Task state's route in one processor: prepare (effective input, TaskScheduled/TaskStarted), the call
 * ({@link TaskCall}), complete (TaskSucceeded, ResultSelector, ResultPath), and on a failure the state's Retry or
 * Catch, with a retry's back-off waited on the timers, holding no thread. One processor rather than a
 * doTry around three: each processor of a route costs Camel's per-processor bookkeeping, and a Task runs these
 * steps on every call (W6, W7 in the benchmarks). A step-cached Task's recorded result stands in for the call,
 * and so does a mocked response when the execution runs a mock test case ({@link TaskStep#mockedResult}); a mocked
 * result is never step-cached.
 */
final class TaskStateProcessor extends AsyncProcessorSupport implements CamelContextAware {

    private final TaskState state;
    private final String uri;
    private final StepCaching caching;
    private final ScheduledExecutorService timers;
    private final TaskCall call;
    private final TaskHeaders headers;

    TaskStateProcessor(TaskState state, String uri, TaskHeaders headers, StepCaching caching,
            ScheduledExecutorService timers, io.github.camelasl.engine.EngineClock clock) {
        this.state = state;
        this.uri = uri;
        this.headers = headers;
        this.caching = caching;
        this.timers = timers;
        this.call = new TaskCall(uri, state.timeoutSeconds() != null || state.timeoutSecondsPath() != null, clock);
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Scope scope = StateMachineRoutes.scope(exchange);
        String cacheKey = null;
        try {
            JsonNode effective = TaskStep.prepare(scope);
            JsonNode mocked = TaskStep.mockedResult(scope);
            if (mocked != null) { // the execution's mock test case answers for the endpoint
                return finish(scope, () -> TaskStep.complete(scope, mocked), true, callback);
            }
            TaskMessages.toRequest(exchange, scope, effective, headers);
            if (caching.caches(state)) {
                cacheKey = caching.key(state, uri, effective);
                JsonNode cached = caching.lookup(cacheKey).orElse(null);
                if (cached != null) { // the recorded result stands in for the call
                    return finish(scope, () -> TaskStep.complete(scope, cached), true, callback);
                }
            }
        } catch (RuntimeException e) {
            return fail(scope, e, true, callback);
        }
        String rememberAs = cacheKey;
        boolean[] delayed = {false};
        boolean sync = call.process(exchange, doneSync -> {
            Exception thrown = exchange.getException();
            exchange.setException(null);
            boolean done = thrown != null ? fail(scope, thrown, doneSync, callback)
                    : finish(scope, () -> {
                        JsonNode result = TaskMessages.result(exchange);
                        if (rememberAs != null) {
                            caching.remember(rememberAs, state, result);
                        }
                        TaskStep.complete(scope, result);
                    }, doneSync, callback);
            delayed[0] = doneSync && !done;
        });
        return sync && !delayed[0];
    }

    /** Runs the state's completion; a failure in it (ResultSelector, ResultPath) goes to Retry and Catch. */
    private boolean finish(Scope scope, Runnable completion, boolean sync, AsyncCallback callback) {
        try {
            completion.run();
        } catch (RuntimeException e) {
            return fail(scope, e, sync, callback);
        }
        return done(sync, callback);
    }

    /** The state's Retry or Catch decides; a retry's back-off is waited on the timers before the driver goes on. */
    private boolean fail(Scope scope, Throwable thrown, boolean sync, AsyncCallback callback) {
        FailurePolicy.handle(scope, thrown);
        long delay = scope.delayMillis();
        if (delay <= 0) {
            return done(sync, callback);
        }
        StoppableDelay.start(scope, delay, timers, () -> callback.done(false)); // a failed sibling cuts it short
        return false;
    }

    /** Answers the driver, on the caller's thread when the whole step ran there (Camel's async contract). */
    private static boolean done(boolean sync, AsyncCallback callback) {
        callback.done(sync);
        return sync;
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(call);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(call);
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        call.setCamelContext(camelContext);
    }

    @Override
    public CamelContext getCamelContext() {
        return call.getCamelContext();
    }

    @Override
    public String toString() {
        return call.toString(); // the endpoint's URI without its credentials
    }
}
