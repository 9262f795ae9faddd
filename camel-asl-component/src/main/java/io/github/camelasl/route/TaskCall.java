package io.github.camelasl.route;

import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Calls a Task's endpoint, asynchronously, on an exchange of its own: the endpoint's routes and error
 * handlers cannot mark the state's exchange (an exception a sub-route has already "exhausted" would bypass the
 * state's Retry and Catch), and a TimeoutSeconds timer can answer first. A reply after the timeout is dropped,
 * as AWS drops it.
 */
final class TaskCall extends AsyncProcessorSupport implements CamelContextAware {

    private final String uri;
    private final boolean timed;
    private final String description;
    /** The execution's clock: a TimeoutSeconds timer goes on its scheduler, when it has one. */
    private final io.github.camelasl.engine.EngineClock clock;
    private CamelContext camelContext;
    private AsyncProducer producer;
    private ScheduledExecutorService timer;
    private java.util.concurrent.ExecutorService worker;
    /** The pools this made (and shuts down): the clock's scheduler is not its own. */
    private ScheduledExecutorService ownTimer;
    private java.util.concurrent.ExecutorService ownWorker;

    TaskCall(String uri, boolean timed) {
        this(uri, timed, io.github.camelasl.engine.EngineClock.system());
    }

    TaskCall(String uri, boolean timed, io.github.camelasl.engine.EngineClock clock) {
        this.uri = uri;
        this.timed = timed;
        this.clock = clock;
        // shown in traces and in the virtual clock's errors (which asl test writes to JUnit XML): a resolved
        // endpoint may carry credentials (accessKey, secretKey) in its options
        this.description = "task[" + org.apache.camel.util.URISupport.sanitizeUri(uri) + "]";
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        io.github.camelasl.engine.Scope scope = StateMachineRoutes.scope(exchange);
        if (scope.awaitsResumedToken() && !resumedSync(scope) && !activityTaskLost(scope)) {
            // a resumed callback Task already made the call: it waits for the token it handed out
            callback.done(true);
            return true;
        }
        Long timeoutSeconds = timed ? StateMachineRoutes.scope(exchange).taskTimeoutSeconds() : null;
        Exchange call = new DefaultExchange(camelContext, ExchangePattern.InOut);
        call.getMessage().setHeaders(exchange.getMessage().getHeaders());
        call.getMessage().setBody(exchange.getMessage().getBody());
        AtomicBoolean answered = new AtomicBoolean();
        Runnable replyHandled = clock.inflight(description); // a virtual clock waits for the reply; else null
        // the timer thread only hands off: the execution goes on on a worker, never on the shared timer
        ScheduledFuture<?> timeout = timeoutSeconds == null ? null : timer.schedule(() -> {
            if (answered.compareAndSet(false, true)) {
                exchange.setException(new AslError(ErrorNames.TIMEOUT, null));
                worker.execute(() -> callback.done(false));
            }
        }, timeoutSeconds, TimeUnit.SECONDS);
        if (replyHandled == null) {
            return producer.process(call, doneSync -> replied(exchange, call, answered, timeout, doneSync, callback))
                    && timeout == null;
        }
        return producer.process(call, doneSync -> {
            try {
                if (doneSync) {
                    replied(exchange, call, answered, timeout, true, callback);
                } else {
                    // on the endpoint's thread: the execution's next steps run now, on it, rather than queued
                    // after this callback, so that the clock counts them until they hand off or wait
                    camelContext.getCamelContextExtension().getReactiveExecutor().scheduleSync(
                            () -> replied(exchange, call, answered, timeout, false, callback));
                }
            } finally {
                replyHandled.run();
            }
        }) && timeout == null;
    }

    /** The endpoint answered: unless the Task's timeout did first, its reply is the Task's. */
    private static void replied(Exchange exchange, Exchange call, AtomicBoolean answered, ScheduledFuture<?> timeout,
            boolean doneSync, AsyncCallback callback) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (call.getException() != null) {
            exchange.setException(call.getException());
        } else {
            exchange.getMessage().setBody(call.getMessage().getBody());
            exchange.getMessage().setHeaders(call.getMessage().getHeaders());
        }
        callback.done(doneSync && timeout == null);
    }

    /** A resumed .sync Task calls again, with TASK_RESUMED: its connector follows the job it started. */
    private static boolean resumedSync(io.github.camelasl.engine.Scope scope) {
        return scope.current() instanceof io.github.camelasl.model.TaskState task && task.sync();
    }

    /**
     * Whether a resumed activity Task's task is gone from its queue: the queue lives in memory, so after a restart
     * the task must be queued again (with the token the Task waits for) or no worker would ever get it. A worker
     * that took it before still answers with that token; one that takes the copy too is told TaskDoesNotExist
     * once the first answered (at least once, as for any Task running when the process stopped).
     */
    private boolean activityTaskLost(io.github.camelasl.engine.Scope scope) {
        if (!(scope.current() instanceof io.github.camelasl.model.TaskState task) || !task.isActivity()) {
            return false;
        }
        org.apache.camel.Endpoint queue = producer.getEndpoint();
        if (queue instanceof org.apache.camel.spi.InterceptSendToEndpoint intercepted) {
            queue = intercepted.getOriginalEndpoint();
        }
        if (!(queue instanceof org.apache.camel.spi.BrowsableEndpoint browsable)) {
            return false;
        }
        String token = scope.taskToken();
        return browsable.getExchanges().stream().noneMatch(queued -> token.equals(
                queued.getMessage().getHeader(io.github.camelasl.AslConstants.TASK_TOKEN, String.class)));
    }

    @Override
    protected void doStart() throws Exception {
        producer = camelContext.getEndpoint(uri).createAsyncProducer();
        ServiceHelper.startService(producer);
        if (timed) {
            ownTimer = clock.scheduler() == null
                    ? camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "asl-task-timeout")
                    : null;
            timer = ownTimer != null ? ownTimer : clock.scheduler();
            ownWorker = camelContext.getExecutorServiceManager().newDefaultThreadPool(this, "asl-task-timeout-worker");
            worker = clock.observe(ownWorker);
        }
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(producer);
        if (ownTimer != null) {
            camelContext.getExecutorServiceManager().shutdown(ownTimer);
        }
        if (ownWorker != null) {
            camelContext.getExecutorServiceManager().shutdown(ownWorker);
        }
    }

    @Override
    public String toString() {
        return description;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
