package io.github.camelasl.route;

import io.github.camelasl.engine.InlineStates;
import io.github.camelasl.engine.Scope;
import io.github.camelasl.model.State;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.service.ServiceHelper;

/**
 * The driver loop's step: runs the inline states ({@link InlineStates}) up to the next state that has a
 * route, then sends the exchange to that route. A producer per state route is made once when the driver
 * starts, so a hop costs a map lookup and a direct call, not the URI evaluation and endpoint lookup a
 * {@code toD} makes on every hop.
 */
final class StateDispatcher extends AsyncProcessorSupport {

    private final CamelContext camelContext;
    private final Map<State, String> stateUris;
    private final Map<State, AsyncProducer> producers = new IdentityHashMap<>();

    StateDispatcher(CamelContext camelContext, Map<State, String> stateUris) {
        this.camelContext = camelContext;
        this.stateUris = stateUris;
    }

    @Override
    protected void doStart() throws Exception {
        for (Map.Entry<State, String> route : stateUris.entrySet()) {
            AsyncProducer producer = camelContext.getEndpoint(route.getValue()).createAsyncProducer();
            ServiceHelper.startService(producer);
            producers.put(route.getKey(), producer);
        }
    }

    @Override
    protected void doStop() {
        ServiceHelper.stopService(producers.values());
        producers.clear();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Scope scope = StateMachineRoutes.scope(exchange);
        try {
            InlineStates.run(scope);
        } catch (RuntimeException e) {
            exchange.setException(e); // an engine fault: the execution fails with it, rather than hang
        }
        if (exchange.getException() != null || scope.finished()) {
            callback.done(true);
            return true;
        }
        return producers.get(scope.current()).process(exchange, callback);
    }
}
