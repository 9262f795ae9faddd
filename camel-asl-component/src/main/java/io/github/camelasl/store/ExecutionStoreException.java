package io.github.camelasl.store;

/** The execution store cannot do what was asked; the message names the store's file or folder and why. */
public class ExecutionStoreException extends RuntimeException {

    public ExecutionStoreException(String message) {
        super(message);
    }

    public ExecutionStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
