package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslDeployer;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.resource.ResourcePolicy;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.route.AllowedCamelHeaders;
import io.github.camelasl.route.ForwardedHeaders;
import io.github.camelasl.store.InMemoryExecutionStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A CamelContext and a deployer, for tests that run definitions directly. */
abstract class EngineTestSupport {

    protected CamelContext context;
    protected InMemoryExecutionStore store;
    private ScheduledExecutorService timers;
    private AslDeployer deployer;

    @BeforeEach
    void startCamel() throws Exception {
        context = new DefaultCamelContext();
        context.getShutdownStrategy().setTimeout(5); // a timed-out Task may still be running: don't wait long
        configure(context);
        context.start();
        store = new InMemoryExecutionStore();
        timers = Executors.newSingleThreadScheduledExecutor();
        deployer = new AslDeployer(context, store, new ResourceResolvers(context, List.of()), timers);
    }

    protected AslDeployer deployer() {
        return deployer;
    }

    /** Adds the routes a test's Tasks call. */
    protected void configure(CamelContext camel) throws Exception {
    }

    @AfterEach
    void stopCamel() throws Exception {
        timers.shutdownNow();
        context.close();
    }

    protected StateMachineRuntime deploy(String definition) throws Exception {
        return deployer.deploy("test", definition, StateMachineConfig.of("test"));
    }

    /** Deploys with the deployer option forwardedHeaders (the asl component's option of that name). */
    protected StateMachineRuntime deploy(String definition, String forwardedHeaders) throws Exception {
        return new AslDeployer(context, store, new ResourceResolvers(context, List.of()), timers, new TaskTokens(),
                ResourcePolicy.defaults(), AllowedCamelHeaders.NONE,
                ForwardedHeaders.parse(forwardedHeaders, AllowedCamelHeaders.NONE))
                .deploy("test", definition, StateMachineConfig.of("test"));
    }

    protected StateMachineRuntime deploy(String definition, ExecutionLimits limits) throws Exception {
        return deployer.deploy("test", definition, StateMachineConfig.of("test").withLimits(limits));
    }

    protected ExecutionResult run(String definition, String input) throws Exception {
        return deploy(definition).start(Json.parse(input), null, Map.of(), List.of()).get(60, TimeUnit.SECONDS);
    }

    protected static JsonNode json(String text) throws Exception {
        return Json.parse(text);
    }
}
