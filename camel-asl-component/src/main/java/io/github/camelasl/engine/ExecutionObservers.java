package io.github.camelasl.engine;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The observers of every deployment made through one deployer or component, present and future: one added here
 * is told at once of the deployments that are live, and then of their executions and of later deployments'.
 */
public final class ExecutionObservers {

    private final List<ExecutionObserver> observers = new CopyOnWriteArrayList<>();
    /** The live deployments; guarded by this, as is adding, so that no observer misses one or hears one twice. */
    private final Set<DeploymentObservers> deployments = new LinkedHashSet<>();

    /** Adds {@code observer}; one already here is not added again (it would be told everything twice). */
    public synchronized void add(ExecutionObserver observer) {
        if (observers.contains(java.util.Objects.requireNonNull(observer, "observer"))) {
            return;
        }
        observers.add(observer);
        for (DeploymentObservers deployment : deployments) {
            deployment.tellDeployed(observer);
        }
    }

    /** The observers so far (a snapshot). */
    public List<ExecutionObserver> list() {
        return List.copyOf(observers);
    }

    boolean isEmpty() {
        return observers.isEmpty();
    }

    /** Read by the deployments on each hook: copy-on-write, so iterating allocates only an iterator. */
    List<ExecutionObserver> observers() {
        return observers;
    }

    synchronized void deployed(DeploymentObservers deployment) {
        deployments.add(deployment);
        for (ExecutionObserver observer : observers) {
            deployment.tellDeployed(observer);
        }
    }

    synchronized void undeployed(DeploymentObservers deployment) {
        deployments.remove(deployment);
    }
}
