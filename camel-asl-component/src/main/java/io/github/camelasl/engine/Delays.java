package io.github.camelasl.engine;

import java.time.Instant;

/**
 * Waits and back-offs in milliseconds, without overflow. A delay from data (SecondsPath 9223372036854775807, a
 * Timestamp in the year 999999999) or from arithmetic on a definition's numbers (BackoffRate to the power of the
 * attempts) is capped at {@link #MAX_MILLIS}: longer than anything waits (about 73 million years), and small
 * enough that "now + delay", which the timers, the checkpoint and Camel's delayer all compute, never wraps to a
 * time in the past, where it would mean "no wait".
 */
final class Delays {

    static final long MAX_MILLIS = Long.MAX_VALUE / 4;

    private Delays() {
    }

    /** A non-negative number of seconds, in milliseconds. */
    static long ofSeconds(long seconds) {
        return seconds >= MAX_MILLIS / 1000 ? MAX_MILLIS : Math.max(0, seconds) * 1000;
    }

    /** Seconds computed in floating point (a Retry back-off); infinity is the longest delay, NaN or less is none. */
    static long ofSeconds(double seconds) {
        return ofMillis(seconds * 1000);
    }

    /** Milliseconds computed in floating point, as {@link #ofSeconds(double)}. */
    static long ofMillis(double millis) {
        if (!(millis > 0)) {
            return 0;
        }
        return millis >= MAX_MILLIS ? MAX_MILLIS : (long) millis;
    }

    /** From {@code now} (epoch millis) until {@code when}: 0 when it has passed, whatever its year. */
    static long until(Instant when, long now) {
        if (!when.isAfter(Instant.ofEpochMilli(now))) {
            return 0;
        }
        if (when.isAfter(Instant.ofEpochMilli(now + MAX_MILLIS))) {
            return MAX_MILLIS; // toEpochMilli() would overflow past the year 292278994
        }
        return when.toEpochMilli() - now;
    }
}
