package io.github.camelasl.cli;

import io.github.camelasl.AslDeployer;
import io.github.camelasl.resource.ResourceMapping;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.store.InMemoryExecutionStore;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A CamelContext with the built-in components on the classpath (direct, seda, log, bean) and the AWS connectors
 * (Lambda, SQS, SNS: configured from the standard AWS environment), the timer pool the engine schedules Waits and
 * timeouts on, and a deployer over both whose resolvers try the {@code --resource-map} mappings first. Closing
 * stops everything quickly.
 */
final class Engine implements AutoCloseable {

    private final DefaultCamelContext camelContext;
    private final ScheduledExecutorService timers;
    private final AslDeployer deployer;

    Engine() {
        this(List.of());
    }

    Engine(List<ResourceMapping> mappings) {
        camelContext = new DefaultCamelContext();
        camelContext.getCamelContextExtension().setName("asl-cli");
        // a timed-out execution may leave an exchange in flight (a Wait, a Task): don't wait long for it
        camelContext.getShutdownStrategy().setTimeUnit(TimeUnit.MILLISECONDS);
        camelContext.getShutdownStrategy().setTimeout(500);
        camelContext.getShutdownStrategy().setShutdownNowOnTimeout(true);
        camelContext.getShutdownStrategy().setSuppressLoggingOnTimeout(true);
        timers = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "asl-timers");
            t.setDaemon(true);
            return t;
        });
        try {
            camelContext.start();
        } catch (RuntimeException e) {
            timers.shutdownNow();
            throw e;
        }
        deployer = new AslDeployer(camelContext, new InMemoryExecutionStore(),
                new ResourceResolvers(camelContext, mappings, List.of()), timers);
    }

    AslDeployer deployer() {
        return deployer;
    }

    @Override
    public void close() {
        timers.shutdownNow();
        try {
            camelContext.stop();
        } catch (RuntimeException ignored) {
            // stopping is best effort: the CLI is about to exit anyway
        }
    }
}
