package io.github.camelasl.engine;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;

/**
 * The state machines deployed in one CamelContext, by ARN: where a Task calling Step Functions
 * ({@code arn:aws:states:::states:startExecution}, {@code aws-sdk:sfn:*}) finds the machine it starts, so that the
 * child runs on this engine. Every {@code AslDeployer} adds what it deploys (asl: endpoints, the CLI, the API
 * server, the test kit), except TestState's one-Task runs; an undeployed runtime leaves.
 */
public final class DeployedStateMachines {

    /**
     * The runtimes deployed under each ARN, the latest last: the latest serves (the API server's UpdateStateMachine
     * deploys the new definition beside the old one, kept for its running executions); when it is undeployed, the
     * one before it serves again.
     */
    private final Map<String, java.util.List<StateMachineRuntime>> byArn = new ConcurrentHashMap<>();

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
        byArn.compute(runtime.config().stateMachineArn(), (arn, runtimes) -> {
            java.util.List<StateMachineRuntime> list = runtimes == null ? new java.util.ArrayList<>(1) : runtimes;
            list.remove(runtime);
            list.add(runtime);
            return list;
        });
    }

    /** Forgets {@code runtime} (undeployed); the others deployed under its ARN stay. */
    public void remove(StateMachineRuntime runtime) {
        byArn.computeIfPresent(runtime.config().stateMachineArn(), (arn, runtimes) -> {
            runtimes.remove(runtime);
            return runtimes.isEmpty() ? null : runtimes;
        });
    }

    /** The runtime of the state machine {@code stateMachineArn} names (the latest deployed), when it is here. */
    public Optional<StateMachineRuntime> find(String stateMachineArn) {
        if (stateMachineArn == null) {
            return Optional.empty();
        }
        StateMachineRuntime[] latest = {null};
        byArn.computeIfPresent(stateMachineArn, (arn, runtimes) -> {
            latest[0] = runtimes.get(runtimes.size() - 1);
            return runtimes;
        });
        return Optional.ofNullable(latest[0]);
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
