package io.github.camelasl.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.engine.AslError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResultPathTest {

    private static JsonNode json(String text) throws Exception {
        return Json.parse(text);
    }

    @Test
    void dollarReplacesTheInput() throws Exception {
        assertEquals(json("{\"r\":1}"), ResultPath.apply("$", json("{\"a\":1}"), json("{\"r\":1}")));
    }

    @Test
    void nullKeepsTheInputAndDiscardsTheResult() throws Exception {
        assertEquals(json("{\"a\":1}"), ResultPath.apply(null, json("{\"a\":1}"), json("{\"r\":1}")));
    }

    @Test
    void missingParentsAreCreatedAndTheInputIsNotModified() throws Exception {
        JsonNode input = json("{\"a\":1}");
        assertEquals(json("{\"a\":1,\"x\":{\"y\":{\"z\":true}}}"), ResultPath.apply("$.x.y.z", input, json("true")));
        assertEquals(json("{\"a\":1}"), input);
    }

    @Test
    void nestedPathsCopyOnlyTheContainersOnThePathAndLeaveTheInputAsItWas() throws Exception {
        JsonNode input = json("{\"a\":{\"b\":1,\"keep\":{\"k\":1}},\"list\":[{\"x\":1},{\"x\":2}],\"other\":[1]}");
        JsonNode before = input.deepCopy();
        JsonNode out = ResultPath.apply("$.a.b", input, json("2"));
        JsonNode outInList = ResultPath.apply("$.list[1].x", input, json("3"));
        assertEquals(json("{\"a\":{\"b\":2,\"keep\":{\"k\":1}},\"list\":[{\"x\":1},{\"x\":2}],\"other\":[1]}"), out);
        assertEquals(json("{\"a\":{\"b\":1,\"keep\":{\"k\":1}},\"list\":[{\"x\":1},{\"x\":3}],\"other\":[1]}"),
                outInList);
        assertEquals(before, input, "the input is never modified");
        // what is off the path is shared, not copied: the engine never changes a tree it has handed on
        org.junit.jupiter.api.Assertions.assertSame(input.get("other"), out.get("other"));
        org.junit.jupiter.api.Assertions.assertSame(input.at("/a/keep"), out.at("/a/keep"));
        org.junit.jupiter.api.Assertions.assertNotSame(input.get("a"), out.get("a"));
    }

    @Test
    void anExistingFieldIsReplaced() throws Exception {
        assertEquals(json("{\"a\":{\"b\":2,\"c\":3}}"),
                ResultPath.apply("$.a.b", json("{\"a\":{\"b\":1,\"c\":3}}"), json("2")));
    }

    @Test
    void bracketNamesAndArrayIndexes() throws Exception {
        assertEquals(json("{\"odd key\":[0,{\"v\":9}]}"),
                ResultPath.apply("$['odd key'][1].v", json("{\"odd key\":[0,{}]}"), json("9")));
    }

    @Test
    void aScalarInputCannotHoldAResult() throws Exception {
        AslError error = assertThrows(AslError.class, () -> ResultPath.apply("$.a", json("\"text\""), json("1")));
        assertEquals("States.ResultPathMatchFailure", error.error());
    }

    @Test
    void bracketNamesKeepWhatTheirQuotesHold() throws Exception {
        assertEquals(json("{\"it's\":{\"a.b]\":1}}"), ResultPath.apply("$['it\\'s'][ \"a.b]\" ]", json("{}"), json("1")));
    }

    /** Fuzzing found paths Jayway reads but apply could not: the validator now asks isValid, so none reaches apply. */
    @ParameterizedTest
    @ValueSource(strings = {"$['odd key']'x.y']", "$.list[-1]", "$.a[99999999999]", "$.", "$.a[", "$['a'", "$[]",
            "$['a','b']", "$.a[1:2]", "a.b"})
    void pathsApplyCannotWriteAreNotValid(String path) {
        assertFalse(ResultPath.isValid(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"$", "$.a", "$.a.b[0]", "$['odd key'][1].v", "$[\"x\"]", "$.a[ 2 ]", "$.a_b-c"})
    void pathsApplyWritesAreValid(String path) {
        assertTrue(ResultPath.isValid(path), path);
    }
}
