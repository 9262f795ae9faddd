package io.github.camelasl.aws.sync;

import java.time.Duration;

/**
 * How often a {@code .sync} job is described: first after {@code initial}, then each wait {@code multiplier} times
 * the last, up to {@code max}. AWS does not say how often it polls; a job runs minutes to hours, so the default
 * starts at one second and backs off to thirty.
 */
public record PollSchedule(Duration initial, double multiplier, Duration max) {

    public static final PollSchedule DEFAULT = new PollSchedule(Duration.ofSeconds(1), 2, Duration.ofSeconds(30));

    public PollSchedule {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || multiplier < 1) {
            throw new IllegalArgumentException("a poll schedule needs 0 < initial <= max and multiplier >= 1, not "
                    + initial.toMillis() + " ms, " + max.toMillis() + " ms, x" + multiplier);
        }
    }

    /** The wait after {@code last}. */
    Duration next(Duration last) {
        long millis = (long) Math.min((double) max.toMillis(), last.toMillis() * multiplier);
        return Duration.ofMillis(Math.max(millis, initial.toMillis()));
    }
}
