package io.github.camelasl.mock;

import java.util.List;

/**
 * A mock configuration that cannot be used: every problem found, each naming its place as a JSON pointer into the
 * file ({@code /MockedResponses/MockedLambdaRetry/1-2: ...}).
 */
public final class MockConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    MockConfigException(String source, List<String> problems) {
        super("Mock configuration " + source + " cannot be used: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, with its place. */
    public List<String> problems() {
        return problems;
    }
}
