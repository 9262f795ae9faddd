package io.github.camelasl.store;

/**
 * What the store holds of one execution cannot be read back (corrupt JSON, a row of an unknown shape, its
 * definition gone): unlike a store that cannot be reached, it will not get better by waiting, so the engine fails
 * that execution rather than leaving it RUNNING.
 */
public class UnreadableRecordException extends ExecutionStoreException {

    public UnreadableRecordException(String message) {
        super(message);
    }

    public UnreadableRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
