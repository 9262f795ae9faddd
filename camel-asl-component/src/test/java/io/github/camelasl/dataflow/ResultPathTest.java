package io.github.camelasl.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.engine.AslError;
import org.junit.jupiter.api.Test;

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
}
