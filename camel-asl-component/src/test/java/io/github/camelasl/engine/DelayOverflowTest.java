package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.model.Retrier;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Waits, back-offs and timeouts never overflow: a huge number of seconds, a far timestamp or a huge back-off is a
 * long wait, never a negative one that means "no wait", and a number that is not a long is AWS's error.
 */
class DelayOverflowTest extends EngineTestSupport {

    private static final String WAIT_SECONDS_PATH = """
            {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "SecondsPath": "$.s", "End": true}}}""";
    private static final String WAIT_TIMESTAMP_PATH = """
            {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "TimestampPath": "$.t", "End": true}}}""";

    /** Starts the execution and checks it is still waiting a moment later. */
    private void assertStillWaiting(String definition, String input) throws Exception {
        CompletableFuture<ExecutionResult> running = deploy(definition).start(json(input), null, Map.of(), List.of());
        Thread.sleep(500);
        assertFalse(running.isDone(), () -> input + " did not wait: " + running.join().status());
    }

    @Test
    void theLargestLongOfSecondsWaits() throws Exception {
        assertStillWaiting(WAIT_SECONDS_PATH, "{\"s\": 9223372036854775807}");
        assertStillWaiting(WAIT_SECONDS_PATH, "{\"s\": 9223372036854775}");
    }

    @Test
    void theLargestLongOfSecondsWaitsInAParallelBranchToo() throws Exception {
        assertStillWaiting("""
                {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "SecondsPath": "$.s", "End": true}}},
                  {"StartAt": "Go", "States": {"Go": {"Type": "Pass", "End": true}}}]}}}""",
                "{\"s\": 9223372036854775807}");
    }

    @Test
    void secondsBeyondALongAreARuntimeError() throws Exception {
        for (String seconds : List.of("18446744073709551616", "1e30")) {
            ExecutionResult result = run(WAIT_SECONDS_PATH, "{\"s\": " + seconds + "}");
            assertEquals("States.Runtime", result.error(), seconds);
            assertTrue(result.cause().contains("The SecondsPath parameter cannot be parsed as a long value: $.s"),
                    result.cause());
        }
    }

    @Test
    void aTimestampInTheFarFutureWaitsAndOneInTheFarPastDoesNot() throws Exception {
        assertStillWaiting(WAIT_TIMESTAMP_PATH, "{\"t\": \"+999999999-12-31T23:59:59Z\"}");
        ExecutionResult past = run(WAIT_TIMESTAMP_PATH, "{\"t\": \"-999999999-01-01T00:00:00Z\"}");
        assertEquals(ExecutionStatus.SUCCEEDED, past.status(), past.cause());
    }

    /**
     * A JSONata Seconds is at most 99999999 (https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html):
     * the largest waits, a larger one is a States.QueryEvaluationError (NumberFieldsTest).
     */
    @Test
    void aJsonataSecondsOfTheLargestAllowedWaits() throws Exception {
        assertStillWaiting("""
                {"QueryLanguage": "JSONata", "StartAt": "Nap",
                 "States": {"Nap": {"Type": "Wait", "Seconds": "{% $states.input.s %}", "End": true}}}""",
                "{\"s\": 99999999}");
    }

    @Test
    void aHugeBackOffIsTheLongestDelayNeverANegativeOne() {
        Retrier doubling = new Retrier(List.of("States.ALL"), BigDecimal.valueOf(99_999_999), 99_999_999,
                BigDecimal.valueOf(2), null, Retrier.JitterStrategy.NONE);
        long previous = 0;
        for (int attempt : new int[] {0, 40, 1100, 99_999_998}) {
            long delay = FailurePolicy.backoffMillis(doubling, attempt);
            assertTrue(delay >= previous && delay >= 99_999_999_000L, attempt + ": " + delay);
            previous = delay;
        }
        Retrier huge = new Retrier(List.of("States.ALL"), BigDecimal.ONE, 3, new BigDecimal("1e400"), null,
                Retrier.JitterStrategy.NONE);
        assertTrue(FailurePolicy.backoffMillis(huge, 2) > 0);
        assertEquals(Delays.MAX_MILLIS, FailurePolicy.backoffMillis(huge, 2));
    }
}
