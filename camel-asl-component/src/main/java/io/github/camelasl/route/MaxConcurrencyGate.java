package io.github.camelasl.route;

import io.github.camelasl.engine.FanOut;
import java.util.concurrent.ExecutorService;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * Holds a Map iteration back until the Map run has a free place under its MaxConcurrency. Camel's parallel
 * split hands out every item at once; a waiting iteration returns its thread (asynchronous routing) and is
 * resumed on the pool when a running one finishes.
 */
final class MaxConcurrencyGate extends AsyncProcessorSupport {

    /** Where a waiting iteration goes on: never the thread that freed its place (an UpdateMapRun caller's). */
    private final ExecutorService pool;

    MaxConcurrencyGate(ExecutorService pool) {
        this.pool = pool;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        FanOut fanOut = StateMachineRoutes.scope(exchange).fanOut();
        if (fanOut.tryStart(() -> pool.execute(() -> callback.done(false)))) {
            callback.done(true);
            return true;
        }
        return false;
    }

    /** Gives the finished iteration's place to the next waiting one. */
    static void release(FanOut fanOut) {
        Runnable next = fanOut.finished();
        if (next != null) {
            next.run(); // hands it to the pool (see process)
        }
    }
}
