package io.github.camelasl.mock;

import java.util.List;

/**
 * One entry of {@code MockedResponses}: the response to each invocation of a state, by invocation number from 0
 * ({@code "0"}, or an inclusive range {@code "1-2"}), the ranges covering 0 to {@link #invocations()} - 1 without
 * gaps or overlaps. A state invoked more often than that has no response: the execution fails, as AWS documents.
 */
public final class MockedResponses {

    /** The invocations {@code first} to {@code last} (inclusive) answer {@code response}. */
    record Range(long first, long last, MockedResponse response) {
    }

    private final String name;
    /** In invocation order, contiguous from 0 (checked by MockConfig). */
    private final List<Range> ranges;

    MockedResponses(String name, List<Range> ranges) {
        this.name = name;
        this.ranges = List.copyOf(ranges);
    }

    /** Its name in {@code MockedResponses}. */
    public String name() {
        return name;
    }

    /** How many invocations it answers. */
    public long invocations() {
        return ranges.get(ranges.size() - 1).last() + 1;
    }

    /** The response to invocation {@code invocation} (from 0), or null past the last one it has. */
    public MockedResponse forInvocation(long invocation) {
        // few ranges, and a mocked Task only: a scan is the simplest and fast enough
        for (Range range : ranges) {
            if (invocation >= range.first() && invocation <= range.last()) {
                return range.response();
            }
        }
        return null;
    }
}
