package io.github.camelasl.engine;

/**
 * An execution stopped running in this JVM without ending (the app stopped, or the store could not commit): it
 * stays RUNNING in its durable store and resumes from its last checkpoint when its state machine is deployed
 * again.
 */
public class ExecutionSuspendedException extends RuntimeException {

    public ExecutionSuspendedException(String message) {
        super(message);
    }
}
