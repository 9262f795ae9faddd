package io.github.camelasl.test.suite;

import java.util.List;

/** A suite that cannot run as given: every problem, each naming its place. */
public final class SuiteException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public SuiteException(String headline, List<String> problems) {
        super(headline + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, with its place. */
    public List<String> problems() {
        return problems;
    }
}
