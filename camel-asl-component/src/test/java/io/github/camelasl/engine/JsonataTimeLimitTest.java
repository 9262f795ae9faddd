package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A JSONata evaluation ends within the state's TimeoutSeconds and the execution's, when they are shorter than the
 * default bound: the state fails with States.Timeout, and no thread is left evaluating.
 */
class JsonataTimeLimitTest extends EngineTestSupport {

    private static final String ENDLESS = "{% ($f := function($n){ $f($n + 1) }; $f(0)) %}";

    @Test
    void aTaskWhoseArgumentsLoopFailsWithStatesTimeoutAfterItsTimeoutSeconds() throws Exception {
        ExecutionResult result = assertTimeoutPreemptively(Duration.ofSeconds(4), () -> run("""
                {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {"Call": {"Type": "Task",
                  "Resource": "direct:never-called", "TimeoutSeconds": 1, "Arguments": "%s", "End": true}}}"""
                .formatted(ENDLESS), "{}"));
        assertEquals("States.Timeout", result.error(), result.cause());
        assertTrue(result.cause().contains("did not finish before the TimeoutSeconds ran out"), result.cause());
        assertNoThreadEvaluates();
    }

    @Test
    void anExecutionTimeoutEndsAnEndlessEvaluation() throws Exception {
        ExecutionResult result = assertTimeoutPreemptively(Duration.ofSeconds(4), () -> run("""
                {"QueryLanguage": "JSONata", "TimeoutSeconds": 1, "StartAt": "Spin",
                 "States": {"Spin": {"Type": "Pass", "Output": "%s", "End": true}}}""".formatted(ENDLESS), "{}"));
        assertEquals(ExecutionStatus.TIMED_OUT, result.status());
        assertNoThreadEvaluates();
    }

    /** The evaluation has ended, not only the execution: no thread is still inside the JSONata library. */
    private static void assertNoThreadEvaluates() throws InterruptedException {
        long until = System.currentTimeMillis() + 1500;
        boolean evaluating;
        do {
            Thread.sleep(100);
            evaluating = Thread.getAllStackTraces().values().stream().anyMatch(stack -> Arrays.stream(stack)
                    .anyMatch(frame -> frame.getClassName().startsWith("com.dashjoin.jsonata.")));
        } while (evaluating && System.currentTimeMillis() < until);
        assertTrue(!evaluating, "a thread is still evaluating JSONata");
    }
}
