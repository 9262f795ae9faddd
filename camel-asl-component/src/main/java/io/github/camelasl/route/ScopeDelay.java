package io.github.camelasl.route;

import io.github.camelasl.engine.Scope;
import io.github.camelasl.engine.StoppableDelay;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * Waits the scope's {@link Scope#delayMillis()} (a Wait state, a retry's back-off) on the timers, holding no thread,
 * as Camel's asynchronous delayer would; unlike it, the wait ends early when a Parallel or Map above the run gives up
 * (see StoppableDelay).
 */
final class ScopeDelay extends AsyncProcessorSupport {

    private final ScheduledExecutorService timers;

    ScopeDelay(ScheduledExecutorService timers) {
        this.timers = timers;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Scope scope = StateMachineRoutes.scope(exchange);
        long delay = scope.delayMillis();
        if (delay <= 0) {
            callback.done(true);
            return true;
        }
        StoppableDelay.start(scope, delay, timers, () -> callback.done(false));
        return false;
    }

    @Override
    public String toString() {
        return "delay[scope]";
    }
}
