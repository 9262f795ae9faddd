package io.github.camelasl.engine;

/**
 * An ASL error as a state raises it: an error name ({@code States.TaskFailed}, a Fail state's Error, an
 * endpoint's own name) and a cause. Retry and Catch match on {@link #error()}; an execution that fails ends
 * with both.
 */
public class AslError extends RuntimeException {

    private final String error;
    private final String cause;

    public AslError(String error, String cause) {
        super(error + (cause == null ? "" : ": " + cause), null, false, false);
        this.error = error;
        this.cause = cause;
    }

    public AslError(String error, String cause, Throwable origin) {
        super(error + (cause == null ? "" : ": " + cause), origin, false, false);
        this.error = error;
        this.cause = cause;
    }

    /** The ASL error name, may be null for a Fail state without Error. */
    public String error() {
        return error;
    }

    /** The cause text, may be null. */
    public String cause() {
        return cause;
    }

    public static AslError runtime(String cause) {
        return new AslError(ErrorNames.RUNTIME, cause);
    }
}
