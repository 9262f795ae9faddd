package io.github.camelasl.dataflow.jsonata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every evaluation ends, whatever the expression and the data: loops run into the time limit, recursion into the
 * depth limit, and strings built from numbers into the length limit, each as an ASL error, never a hang.
 */
class JsonataBoundsTest {

    /** A short limit keeps the tests fast; the default is {@link TimeLimit#DEFAULT_MILLIS}. */
    private static final TimeLimit SHORT = new TimeLimit(300, false);
    private static final Duration AT_MOST = Duration.ofSeconds(4);

    private static JsonNode states() {
        try {
            return Json.parse("{\"input\": {\"n\": 10, \"huge\": 1e100000000}}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode eval(String expression, TimeLimit limit) {
        return JsonataExpressions.evaluate("{% " + expression + " %}", states(), name -> null, "Output", limit);
    }

    private static AslError fails(String expression, TimeLimit limit, String errorName) {
        AslError error = assertTimeoutPreemptively(AT_MOST,
                () -> assertThrows(AslError.class, () -> eval(expression, limit), expression));
        assertEquals(errorName, error.error(), error.cause());
        assertTrue(error.cause().startsWith("The JSONata expression '" + expression + "'"), error.cause());
        return error;
    }

    @Test
    void endlessTailRecursionRunsIntoTheTimeLimit() {
        AslError error = fails("($f := function($n){ $f($n + 1) }; $f(0))", SHORT, ErrorNames.QUERY_EVALUATION_ERROR);
        assertTrue(error.cause().endsWith("U1001: Expression evaluation timeout: Check for infinite loop"
                + " (it ran longer than 300 ms)"), error.cause());
    }

    @Test
    void anEndlessYCombinatorRunsIntoTheTimeLimit() {
        fails("($Y := function($f){ (function($x){ $x($x) })(function($g){ $f(function($v){ ($g($g))($v) }) }) };"
                + " $loop := $Y(function($self){ function($n){ $self($n + 1) } }); $loop(0))", SHORT,
                ErrorNames.QUERY_EVALUATION_ERROR);
    }

    @Test
    void anEndlessLoopOverARangeRunsIntoTheTimeLimit() {
        fails("($f := function($a){ $f($append($a, [1..1000])) }; $f([]))", SHORT, ErrorNames.QUERY_EVALUATION_ERROR);
    }

    @Test
    void deepRecursionRunsIntoTheDepthLimit() {
        AslError error = fails("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))", SHORT,
                ErrorNames.QUERY_EVALUATION_ERROR);
        assertTrue(error.cause().contains("U1001: Stack overflow error"), error.cause());
    }

    @Test
    void runningOutOfATimeoutIsStatesTimeout() {
        AslError error = fails("($f := function($n){ $f($n + 1) }; $f(0))", new TimeLimit(300, true),
                ErrorNames.TIMEOUT);
        assertTrue(error.cause().contains("did not finish before the TimeoutSeconds ran out"), error.cause());
    }

    @Test
    void padRefusesAHugeWidthBeforeBuildingIt() {
        AslError error = fails("$pad('x', 2e9)", SHORT, ErrorNames.QUERY_EVALUATION_ERROR);
        assertTrue(error.cause().contains("$pad: the width 2000000000 would build a string longer than"),
                error.cause());
        fails("$pad('x', -$states.input.huge)", SHORT, ErrorNames.QUERY_EVALUATION_ERROR);
    }

    @Test
    void padStillPadsAsJsonataDoes() {
        assertTimeoutPreemptively(AT_MOST, () -> {
            assertEquals("ab###", eval("$pad('ab', 5, '#')", SHORT).textValue());
            assertEquals("   ab", eval("$pad('ab', -5)", SHORT).textValue());
            assertEquals("abcd", eval("$pad('abcd', 2)", SHORT).textValue());
            assertEquals("😀xy😀x", eval("$pad('😀', 5, 'xy😀')", SHORT).textValue());
            assertEquals(200_000, eval("$length($pad('', 200000, '-'))", SHORT).intValue());
        });
    }

    @Test
    void aStringDoublingLoopRunsIntoTheLengthLimit() {
        AslError error = fails("$reduce([1..40], function($a, $b){ $a & $a }, 'x')", new TimeLimit(20_000, false),
                ErrorNames.QUERY_EVALUATION_ERROR);
        assertTrue(error.cause().contains("characters, but at most " + RuntimeBounds.MAX_STRING_LENGTH
                + " are allowed"), error.cause());
    }

    @Test
    void ordinaryExpressionsAndHugeNumbersStillWork() {
        assertTimeoutPreemptively(AT_MOST, () -> {
            assertEquals(3628800, eval("($f := function($n){ $n <= 1 ? 1 : $n * $f($n - 1) }; "
                    + "$f($states.input.n))", TimeLimit.DEFAULT).intValue());
            assertEquals(5050, eval("$sum([1..100])", TimeLimit.DEFAULT).intValue());
            assertEquals(100, eval("($f := function($n, $acc){ $n = 0 ? $acc : $f($n - 1, $acc + 1) }; $f(100, 0))",
                    TimeLimit.DEFAULT).intValue());
            assertEquals("true", eval("$states.input.huge > 1", TimeLimit.DEFAULT).toString());
        });
    }

    @Test
    void aTimeoutShorterThanTheDefaultIsTheLimit() {
        assertEquals(TimeLimit.DEFAULT, TimeLimit.within(null));
        assertEquals(TimeLimit.DEFAULT, TimeLimit.within(60_000L));
        assertEquals(new TimeLimit(1_000, true), TimeLimit.within(1_000L));
        assertEquals(new TimeLimit(0, true), TimeLimit.within(-5L));
    }
}
