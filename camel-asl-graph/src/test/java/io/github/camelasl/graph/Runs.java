package io.github.camelasl.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslDeployer;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionResult;
import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.store.InMemoryExecutionStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Runs definitions with the real engine, so the graph is coloured from histories the engine wrote. Tasks call
 * {@code direct:ok} (echoes), {@code direct:fail} (throws IllegalStateException), {@code direct:flaky} (fails
 * its first call of each execution), {@code direct:switch} (fails while {@link #broken}), {@code direct:block} (waits until
 * the runs are closed: for executions seen running, then stopped).
 */
final class Runs implements AutoCloseable {

    private final CamelContext camel = new DefaultCamelContext();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final AslDeployer deployer;
    private final AtomicInteger flakyCalls = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    /** Whether {@code direct:switch} fails: on until a test turns it off (to redrive what failed). */
    final AtomicBoolean broken = new AtomicBoolean(true);

    Runs() throws Exception {
        camel.getShutdownStrategy().setTimeout(2);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ok").log("ok");
                from("direct:fail").throwException(new IllegalStateException("boom <b>"));
                from("direct:flaky").process(exchange -> {
                    if (flakyCalls.getAndIncrement() % 2 == 0) {
                        throw new IllegalStateException("flaky");
                    }
                });
                from("direct:switch").process(exchange -> {
                    if (broken.get()) {
                        throw new IllegalStateException("switched off");
                    }
                });
                from("direct:block").process(exchange -> released.await(30, TimeUnit.SECONDS));
            }
        });
        camel.start();
        deployer = new AslDeployer(camel, new InMemoryExecutionStore(), new ResourceResolvers(camel, List.of()),
                timers);
    }

    StateMachineRuntime deploy(String definition) throws Exception {
        return deployer.deploy("test", definition, StateMachineConfig.of("test"));
    }

    /** The history of one execution of {@code definition} with {@code input}, run to its end. */
    List<JsonNode> history(String definition, String input) throws Exception {
        ExecutionResult result = deploy(definition).start(Json.parse(input), null, Map.of(), List.of())
                .get(60, TimeUnit.SECONDS);
        return result.history();
    }

    @Override
    public void close() throws Exception {
        released.countDown();
        timers.shutdownNow();
        camel.close();
    }
}
