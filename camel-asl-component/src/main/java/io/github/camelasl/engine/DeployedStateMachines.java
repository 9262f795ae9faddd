package io.github.camelasl.engine;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;

/**
 * The state machines deployed in one CamelContext, by ARN: where a Task calling Step Functions
 * ({@code arn:aws:states:::states:startExecution}, {@code aws-sdk:sfn:*}) finds the machine it starts, so that the
 * child runs on this engine. The asl component adds what its endpoints deploy; code deploying with an
 * {@code AslDeployer} of its own adds its runtimes itself.
 */
public final class DeployedStateMachines {

    private final Map<String, StateMachineRuntime> byArn = new ConcurrentHashMap<>();

    DeployedStateMachines() {
    }

    /** The context's, made at its first use. */
    public static DeployedStateMachines of(CamelContext camelContext) {
        Objects.requireNonNull(camelContext, "camelContext");
        synchronized (DeployedStateMachines.class) {
            DeployedStateMachines deployed = camelContext.getCamelContextExtension()
                    .getContextPlugin(DeployedStateMachines.class);
            if (deployed == null) {
                deployed = new DeployedStateMachines();
                camelContext.getCamelContextExtension().addContextPlugin(DeployedStateMachines.class, deployed);
            }
            return deployed;
        }
    }

    public void add(StateMachineRuntime runtime) {
        byArn.put(runtime.config().stateMachineArn(), runtime);
    }

    /** Forgets {@code runtime} (undeployed); another deployed since under the same ARN stays. */
    public void remove(StateMachineRuntime runtime) {
        byArn.remove(runtime.config().stateMachineArn(), runtime);
    }

    /** The runtime of the state machine {@code stateMachineArn} names, when it is deployed here. */
    public Optional<StateMachineRuntime> find(String stateMachineArn) {
        return stateMachineArn == null ? Optional.empty() : Optional.ofNullable(byArn.get(stateMachineArn));
    }

    /**
     * The runtime whose state machine ran {@code executionArn} ({@code arn:P:states:R:A:execution:MACHINE:NAME}, or
     * {@code arn:P:states:R:A:express:MACHINE:NAME:ID} for an EXPRESS one), when it is deployed here.
     */
    public Optional<StateMachineRuntime> forExecution(String executionArn) {
        if (executionArn == null) {
            return Optional.empty();
        }
        String[] parts = executionArn.split(":", -1);
        boolean standard = parts.length == 8 && parts[5].equals("execution");
        boolean express = parts.length == 9 && parts[5].equals("express");
        if (!(standard || express) || !parts[0].equals("arn") || !parts[2].equals("states")) {
            return Optional.empty();
        }
        return find(String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], "stateMachine", parts[6]));
    }
}
