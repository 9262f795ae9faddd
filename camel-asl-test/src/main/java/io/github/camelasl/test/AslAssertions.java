package io.github.camelasl.test;

import org.assertj.core.api.Assertions;

/**
 * AssertJ's entry point with the kit's: {@code assertThat(run).succeeded().hasOutputAt("$.total", 42)}, and every
 * {@code assertThat} of AssertJ's {@link Assertions} through the same static import.
 */
public class AslAssertions extends Assertions {

    protected AslAssertions() {
    }

    public static ExecutionRunAssert assertThat(ExecutionRun actual) {
        return new ExecutionRunAssert(actual);
    }
}
