package io.github.camelasl.route;

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
 * The driver loop's step: sends the exchange to the route of the scope's current state. A producer per state
 * route is made once when the driver starts, so a transition costs a map lookup and a direct call, not the
 * URI evaluation and endpoint lookup a {@code toD} makes on every hop.
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
        return producers.get(StateMachineRoutes.scope(exchange).current()).process(exchange, callback);
    }
}
