package io.github.camelasl.dataflow.intrinsic;

import static io.github.camelasl.dataflow.intrinsic.IntrinsicTestSupport.assertFails;
import static io.github.camelasl.dataflow.intrinsic.IntrinsicTestSupport.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Numbers with huge exponents (a 15-byte input such as 1e100000000) cost no more than small ones: the functions
 * decide from the exponent, never by expanding the digits.
 */
class HugeNumbersTest {

    private static final Duration AT_ONCE = Duration.ofSeconds(3);

    @Test
    void mathAddRefusesAHugeExponentAtOnce() {
        assertTimeoutPreemptively(AT_ONCE, () -> {
            AslError error = assertFails("States.MathAdd($.a, 1)", "{\"a\": 1e100000000}",
                    ErrorNames.INTRINSIC_FAILURE);
            assertTrue(error.cause().contains("States.MathAdd") && error.cause().contains("1e100000000"),
                    error.cause());
        });
    }

    @Test
    void mathAddRoundsATinyFractionToZeroAtOnce() {
        assertTimeoutPreemptively(AT_ONCE, () -> {
            assertEquals(1, eval("States.MathAdd($.a, 1)", "{\"a\": 1e-100000000}").intValue());
            assertEquals(1, eval("States.MathAdd($.a, 1)", "{\"a\": -1e-100000000}").intValue());
        });
    }

    @Test
    void mathRandomRefusesAHugeExponentAtOnce() {
        assertTimeoutPreemptively(AT_ONCE, () -> {
            AslError error = assertFails("States.MathRandom(1, $.a)", "{\"a\": 1e100000000}",
                    ErrorNames.INTRINSIC_FAILURE);
            assertTrue(error.cause().contains("States.MathRandom"), error.cause());
            assertEquals(0, eval("States.MathRandom($.a, 1)", "{\"a\": 1e-100000000}").intValue());
        });
    }

    @Test
    void arrayUniqueComparesHugeNumbersWithoutWritingTheirDigits() {
        assertTimeoutPreemptively(AT_ONCE, () -> {
            assertEquals("[1e100000000,1,2e100000000]", eval("States.ArrayUnique($.a)",
                    "{\"a\": [1e100000000, 1, 10e99999999, 1.0, 2e100000000]}").toString());
        });
    }

    @Test
    void arrayContainsAndIntegerArgumentsStayCheap() {
        assertTimeoutPreemptively(AT_ONCE, () -> {
            assertTrue(eval("States.ArrayContains($.a, $.b)", "{\"a\": [1, 1e100000000], \"b\": 10e99999999}")
                    .booleanValue());
            assertFails("States.ArrayRange(1, $.a, 1)", "{\"a\": 1e100000000}", ErrorNames.INTRINSIC_FAILURE);
            assertFails("States.ArrayGetItem($.l, $.a)", "{\"l\": [1], \"a\": 1e-100000000}",
                    ErrorNames.INTRINSIC_FAILURE);
        });
    }
}
