package io.github.camelasl.dataflow.intrinsic;

import static io.github.camelasl.dataflow.intrinsic.IntrinsicTestSupport.assertJson;
import static io.github.camelasl.dataflow.intrinsic.IntrinsicTestSupport.eval;
import static io.github.camelasl.dataflow.intrinsic.IntrinsicTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Bindings;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The call syntax: literals, escapes, paths, variables, nesting, and the static checks validation relies on. */
class IntrinsicParsingTest {

    @Test
    void recognisesCallsByTheirStatesPrefix() {
        assertTrue(IntrinsicFunctions.isIntrinsic("States.Format('{}', $.a)"));
        assertTrue(IntrinsicFunctions.isIntrinsic("States.UUID()"));
        assertFalse(IntrinsicFunctions.isIntrinsic("$.States.Format"));
        assertFalse(IntrinsicFunctions.isIntrinsic("$$.Execution.Id"));
        assertFalse(IntrinsicFunctions.isIntrinsic(" States.UUID()"));
        assertFalse(IntrinsicFunctions.isIntrinsic(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "States.Format('{}', $.a)",
        "States.Array()",
        "States.Array( 1 , -2.5 ,true,false,null, 'x' )",
        "States.Array(\n  $.a,\n  $$.Execution.Id\n)",
        "States.Array($, $$, $.a[0], $['a b'], $.a[?(@.x == 'a,b)')], $..deep, $.a[*].b)",
        "States.Format('Hello\nWorld {}', States.ArrayGetItem(States.StringSplit($.a, ','), 0))",
        "States.MathRandom(1, 10)",
        "States.MathRandom(1, 10, 7)",
        "States.Format('\\'\\{\\}\\\\ {}', $myVariable.field[0])",
        "States.Array(1e3, -0.5E-2, 0)",
    })
    void acceptsValidCalls(String expression) {
        assertNull(IntrinsicFunctions.staticProblem(expression), expression);
    }

    @Test
    void rejectsUnknownFunctionNames() {
        assertProblem("States.Unknown($.a)", "'States.Unknown' is not a valid intrinsic function name");
        assertProblem("States.format('{}', $.a)", "'States.format' is not a valid intrinsic function name");
        assertProblem("States.Array(States.Nope())", "'States.Nope' is not a valid intrinsic function name");
    }

    @Test
    void rejectsWrongArgumentCounts() {
        assertProblem("States.ArrayGetItem($.a)", "The function 'States.ArrayGetItem' takes 2 arguments, but 1 was given");
        assertProblem("States.UUID(1)", "The function 'States.UUID' takes 0 arguments, but 1 was given");
        assertProblem("States.Format()", "The function 'States.Format' takes at least 1 argument, but 0 were given");
        assertProblem("States.MathRandom(1)", "The function 'States.MathRandom' takes 2 to 3 arguments, but 1 was given");
        assertProblem("States.JsonMerge($.a, $.b)", "The function 'States.JsonMerge' takes 3 arguments, but 2 were given");
        assertProblem("States.Array(States.ArrayLength())", "The function 'States.ArrayLength' takes 1 argument, but 0 were given");
    }

    @Test
    void rejectsBackslashesThatAreNotEscapes() {
        // AWS refuses both of these definitions (validation corpus, test_illegal_escapes).
        assertNotNull(IntrinsicFunctions.staticProblem(
                "States.StringToJson('{\"text\":\"An \\\"escaped double quote\\\" here\"}')"));
        assertNotNull(IntrinsicFunctions.staticProblem(
                "States.Format('He said, \\\"Hello, {}!\\\"', 'Test \\\"Name\\\" Here')"));
        assertTrue(IntrinsicFunctions.staticProblem("States.Format('a\\nb')").contains("illegal escape"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "States.Format('unterminated, $.a)",
        "States.Format('{}', $.a",
        "States.Format('{}' $.a)",
        "States.Format('{}', $.a) trailing",
        "States.Format",
        "States.Array(,)",
        "States.Array(1,)",
        "States.Array(tru)",
        "States.Array(1x)",
        "States.Array(--1)",
        "States.Array($.a[0)",
        "States.Array($.a])",
        "States.Array($..)",
        "States.Array(\"double quoted\")",
        "States.",
    })
    void rejectsMalformedCalls(String expression) {
        String problem = IntrinsicFunctions.staticProblem(expression);
        assertNotNull(problem, expression);
    }

    @Test
    void describesWhereAMalformedCallGoesWrong() {
        assertEquals("Invalid intrinsic function call, expected ',' or ')' at position 20 of "
                + "'States.Format('{}' $.a)'", IntrinsicFunctions.staticProblem("States.Format('{}' $.a)"));
        assertEquals("'notStates()' is not an intrinsic function call", IntrinsicFunctions.staticProblem("notStates()"));
    }

    /** Found by fuzzing: the static check threw NumberFormatException, and validation with it. */
    @Test
    void rejectsNumbersBeyondWhatADecimalHolds() {
        String call = "States.MathAdd(1e99999999999, 1)";
        assertEquals("Invalid intrinsic function call, the number 1e99999999999 is out of range at position 16 of '"
                + call + "'", IntrinsicFunctions.staticProblem(call));
        AslError error = assertThrows(AslError.class, () -> eval("States.Array(-2.5E-9999999999)"));
        assertEquals(ErrorNames.RUNTIME, error.error());
    }

    @Test
    void parsesLiteralsToJsonValues() {
        assertJson("[1, -2, 2.5, -0.125, 1000, true, false, null, \"\", \"it's {x} \\\\\"]",
                eval("States.Array(1, -2, 2.5, -0.125, 1e3, true, false, null, '', 'it\\'s \\{x\\} \\\\')"));
        JsonNode big = eval("States.Array(123456789012345678901234567890)").get(0);
        assertEquals("123456789012345678901234567890", big.bigIntegerValue().toString());
        assertEquals("1.10", eval("States.Array(1.10)").get(0).decimalValue().toPlainString());
    }

    @Test
    void keepsWhitespaceAndNewlinesInsideStringLiterals() {
        assertEquals("  a\tb\nc  ", eval("States.Format('  a\tb\nc  ')").textValue());
    }

    @Test
    void readsPathsOfEveryShape() {
        String input = "{\"a\": [{\"x\": \"a,b)\", \"b\": 1}, {\"x\": \"y\", \"b\": 2}], \"a b\": 7}";
        assertJson(input, eval("States.Array($)", input).get(0));
        assertJson("{\"x\": \"a,b)\", \"b\": 1}", eval("States.ArrayGetItem($.a, 0)", input));
        assertJson("7", eval("States.Array($['a b'])", input).get(0));
        assertJson("[{\"x\": \"a,b)\", \"b\": 1}]", eval("States.Array($.a[?(@.x == 'a,b)')])", input).get(0));
        assertJson("[1, 2]", eval("States.Array($.a[*].b)", input).get(0));
        assertJson("{\"k\": \"v\"}", eval("States.Array($$.Execution.Input)").get(0));
        assertEquals("my-machine", eval("States.Array($$)").get(0).path("StateMachine").path("Name").textValue());
    }

    @Test
    void missingPathsFailWithStatesRuntime() {
        AslError error = assertThrows(AslError.class, () -> eval("States.Format('{}', $.missing)", "{\"a\": 1}"));
        assertEquals(ErrorNames.RUNTIME, error.error());
        assertEquals("The JSONPath '$.missing' in the intrinsic function call 'States.Format('{}', $.missing)' "
                + "could not be found in the input '{\"a\":1}'", error.cause());
        AslError contextError = assertThrows(AslError.class, () -> eval("States.Array($$.Nope)"));
        assertTrue(contextError.cause().contains("context object"), contextError.cause());
    }

    @Test
    void malformedCallsFailWithStatesRuntimeWhenEvaluated() {
        AslError error = assertThrows(AslError.class, () -> eval("States.Nope()"));
        assertEquals(ErrorNames.RUNTIME, error.error());
        AslError arity = assertThrows(AslError.class, () -> eval("States.ArrayLength()"));
        assertEquals(ErrorNames.RUNTIME, arity.error());
    }

    @Test
    void readsVariablesThroughTheResolver() {
        Map<String, JsonNode> variables = Map.of("template", json("\"{} and {}\""), "obj", json("{\"list\": [5, 6]}"));
        JsonNode result = IntrinsicFunctions.evaluate("States.Format($template, $obj.list[1], $obj)", json("{}"),
                new Bindings(json("{}"), variables::get));
        assertEquals("6 and {list=[5, 6]}", result.textValue());
    }

    @Test
    void undefinedVariablesFailWithStatesRuntime() {
        AslError error = assertThrows(AslError.class, () -> eval("States.Array($nope)"));
        assertEquals(ErrorNames.RUNTIME, error.error());
        assertTrue(error.cause().contains("'$nope'"), error.cause());
    }

    @Test
    void returnsTheSameNodesItReadsWithoutCopying() {
        JsonNode input = json("{\"a\": {\"deep\": [1]}}");
        JsonNode array = IntrinsicFunctions.evaluate("States.Array($.a)", input, Bindings.of(json("{}")));
        assertSame(input.get("a"), array.get(0));
    }

    private static void assertProblem(String expression, String expectedProblem) {
        assertEquals(expectedProblem, IntrinsicFunctions.staticProblem(expression), expression);
    }
}
