package io.github.camelasl.test;

/**
 * AssertJ entry point for the kit: {@code assertThat(run).succeeded().hasOutputAt("$.total", 42)}. Import it
 * statically beside AssertJ's own {@code Assertions.assertThat} (the overloads do not clash).
 */
public final class AslAssertions {

    private AslAssertions() {
    }

    public static ExecutionRunAssert assertThat(ExecutionRun actual) {
        return new ExecutionRunAssert(actual);
    }
}
