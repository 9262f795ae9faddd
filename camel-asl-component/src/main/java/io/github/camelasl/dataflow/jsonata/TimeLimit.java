package io.github.camelasl.dataflow.jsonata;

/**
 * How long one JSONata evaluation may run. By default {@link #DEFAULT_MILLIS}, and running out of it fails the
 * evaluation with {@code States.QueryEvaluationError}; when less than that is left of the state's or the
 * execution's TimeoutSeconds, what is left is the limit, and running out of it is {@code States.Timeout}.
 *
 * @param millis    the limit, in milliseconds
 * @param isTimeout true when the limit is what is left of a TimeoutSeconds
 */
public record TimeLimit(long millis, boolean isTimeout) {

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
