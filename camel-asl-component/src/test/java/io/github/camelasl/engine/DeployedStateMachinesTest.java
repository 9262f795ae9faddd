package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.AslDeployer;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.store.InMemoryExecutionStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * Where a Task calling Step Functions finds the machine it starts: every deployer lists what it deploys (the latest
 * deployment of an ARN serves, the one before it again once the latest is undeployed), and TestState's one-Task
 * runs, on a store of their own, are not the application's machines.
 */
class DeployedStateMachinesTest {

    private static final String PASS = "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}";

    @Test
    void theLatestDeploymentServesUntilItIsUndeployed() throws Exception {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            AslDeployer deployer = new AslDeployer(camel, new InMemoryExecutionStore(),
                    new ResourceResolvers(camel, List.of()), timers);
            StateMachineConfig config = StateMachineConfig.of("orders");
            DeployedStateMachines deployed = DeployedStateMachines.of(camel);

            StateMachineRuntime first = deployer.deploy("first", PASS, config);
            assertEquals(Optional.of(first), deployed.find(config.stateMachineArn()));
            StateMachineRuntime second = deployer.deploy("second", PASS, config);
            assertEquals(Optional.of(second), deployed.find(config.stateMachineArn()));
            assertEquals(Optional.of(second), deployed.forExecution(config.executionArn("x")));
            second.undeploy();
            assertEquals(Optional.of(first), deployed.find(config.stateMachineArn()));

            deployer.withStore(new InMemoryExecutionStore()).deploy("test-state", PASS,
                    StateMachineConfig.of("probe"));
            assertTrue(deployed.find(StateMachineConfig.of("probe").stateMachineArn()).isEmpty(),
                    "TestState's runs are not listed");
            first.undeploy();
            assertTrue(deployed.find(config.stateMachineArn()).isEmpty());
        } finally {
            timers.shutdownNow();
        }
    }
}
