package io.github.camelasl.test.coverage;

/**
 * The path coverage of a test run is under the minimum asked for ({@code asl.coverage.minimum}, or
 * {@link CoverageReport#check(double)}); the message names what was not covered. An AssertionError, so that test
 * tools report it as a failed check rather than a crash.
 */
public final class CoverageBelowMinimumError extends AssertionError {

    private final double ratio;
    private final double minimum;

    CoverageBelowMinimumError(String message, double ratio, double minimum) {
        super(message);
        this.ratio = ratio;
        this.minimum = minimum;
    }

    /** The coverage reached, 0..1. */
    public double ratio() {
        return ratio;
    }

    /** The minimum asked for, 0..1. */
    public double minimum() {
        return minimum;
    }
}
