package io.github.camelasl.dataflow.jsonata;

/**
 * How long one JSONata evaluation may run. By default {@link #DEFAULT_MILLIS}, and running out of it fails the
 * evaluation with {@code States.QueryEvaluationError}; when less than that is left of the state's or the
 * execution's TimeoutSeconds, what is left is the limit, and running out of it is {@code States.Timeout}.
 *
 * It also carries the evaluation's now, which {@code $now()} and {@code $millis()} return: the execution's clock.
 *
 * @param millis    the limit, in milliseconds
 * @param isTimeout true when the limit is what is left of a TimeoutSeconds
 * @param nowMillis the evaluation's now (epoch millis), or {@link #SYSTEM_NOW} for the system clock's
 */
public record TimeLimit(long millis, boolean isTimeout, long nowMillis) {

    /** No now given: the evaluation reads the system clock. */
    public static final long SYSTEM_NOW = Long.MIN_VALUE;

    public TimeLimit(long millis, boolean isTimeout) {
        this(millis, isTimeout, SYSTEM_NOW);
    }

    /** This limit, the evaluation's now being {@code epochMillis} (the execution's clock). */
    public TimeLimit at(long epochMillis) {
        return new TimeLimit(millis, isTimeout, epochMillis);
    }

    /** jsonata-java's own default time bound: long enough for any real expression, short enough to end a loop. */
    public static final long DEFAULT_MILLIS = 5_000;

    public static final TimeLimit DEFAULT = new TimeLimit(DEFAULT_MILLIS, false);

    /** The default limit, or {@code millisLeft} of a TimeoutSeconds when that is shorter; null when none applies. */
    public static TimeLimit within(Long millisLeft) {
        if (millisLeft == null || millisLeft >= DEFAULT_MILLIS) {
            return DEFAULT;
        }
        return new TimeLimit(Math.max(0, millisLeft), true);
    }
}
