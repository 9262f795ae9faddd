package io.github.camelasl.store;

/**
 * The store refused a write because of one execution's own data (a value too big for it, a constraint it breaks,
 * an event that cannot be rendered), not because of the file: the other executions go on. Resuming that execution
 * would fail the same way, so the engine ends it FAILED at its last committed boundary (see
 * {@link ExecutionStore#discardUncommitted}).
 */
public class RefusedWriteException extends ExecutionStoreException {

    public RefusedWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
