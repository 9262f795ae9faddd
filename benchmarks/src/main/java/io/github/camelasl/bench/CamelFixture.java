package io.github.camelasl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslComponent;
import io.github.camelasl.AslConstants;
import io.github.camelasl.history.HistoryListener;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.store.InMemoryExecutionStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A started CamelContext holding a workload's routes (the engine's, the Task endpoints', the Camel baseline's),
 * and the ProducerTemplate that calls them, as an application would.
 */
final class CamelFixture implements AutoCloseable {

    /**
     * One engine execution: its output (JSON text), its history as written (to the history listener), and how
     * many of those events the execution store kept (all of them, unless the store's recording is broken).
     */
    record EngineRun(String output, List<JsonNode> history, int storedEvents) {
    }

    private final CamelContext context;
    private final ProducerTemplate template;

    private CamelFixture(CamelContext context) {
        this.context = context;
        this.template = context.createProducerTemplate();
    }

    /** A context whose asl: component keeps every execution in memory (the store the W1-W9 figures are for). */
    static CamelFixture start(RoutesBuilder... routes) throws Exception {
        AslComponent asl = new AslComponent();
        asl.setStore("memory");
        return start(asl, routes);
    }

    static CamelFixture start(AslComponent asl, RoutesBuilder... routes) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addComponent("asl", asl);
        context.getShutdownStrategy().setTimeout(5); // a parked execution must not hold the fork for minutes
        for (RoutesBuilder builder : routes) {
            context.addRoutes(builder);
        }
        context.start();
        return new CamelFixture(context);
    }

    CamelContext context() {
        return context;
    }

    /** Request-reply with a JSON text body; a failed exchange (a failed execution) throws. */
    String request(String uri, String body) {
        return template.requestBody(uri, body, String.class);
    }

    /**
     * Runs one execution through {@code uri} and fails unless it SUCCEEDED. Its history is caught by a history
     * listener set on the component for this one execution (AslProducer reads the listener per message), which
     * sees every event as written, whatever the store keeps.
     */
    EngineRun runEngineOnce(String uri, String input) {
        AslComponent asl = context.getComponent("asl", AslComponent.class);
        List<JsonNode> history = Collections.synchronizedList(new ArrayList<>());
        HistoryListener previous = asl.getHistoryListener();
        asl.setHistoryListener(history::add);
        Exchange reply;
        try {
            reply = template.request(uri, e -> e.getMessage().setBody(input));
        } finally {
            asl.setHistoryListener(previous);
        }
        if (reply.getException() != null) {
            throw new IllegalStateException("the engine's execution failed on " + uri, reply.getException());
        }
        String status = reply.getMessage().getHeader(AslConstants.EXECUTION_STATUS, String.class);
        if (!"SUCCEEDED".equals(status)) {
            throw new IllegalStateException("the engine's execution on " + uri + " ended " + status);
        }
        String arn = reply.getMessage().getHeader(AslConstants.EXECUTION_ARN, String.class);
        return new EngineRun(reply.getMessage().getBody(String.class), List.copyOf(history), store().events(arn).size());
    }

    InMemoryExecutionStore store() {
        ExecutionStore store = context.getComponent("asl", AslComponent.class).executionStore("EXPRESS");
        if (store instanceof InMemoryExecutionStore memory) {
            return memory;
        }
        throw new IllegalStateException("the benchmarks measure the default in-memory store, not " + store);
    }

    @Override
    public void close() throws Exception {
        template.stop();
        context.close();
    }
}
