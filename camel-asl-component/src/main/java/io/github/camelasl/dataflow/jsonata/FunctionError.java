package io.github.camelasl.dataflow.jsonata;

/**
 * A failure raised by a function this package adds or replaces; its message is the detail after "threw an error
 * during evaluation. ", e.g. {@code D3030: Unable to cast value to a number: "abc"}.
 */
final class FunctionError extends RuntimeException {

    FunctionError(String message) {
        super(message, null, false, false);
    }

    FunctionError(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
