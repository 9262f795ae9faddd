package io.github.camelasl.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.github.camelasl.engine.AslError;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Plain paths are walked without Jayway: they must select exactly what Jayway selects, and miss as Jayway does. */
class JsonPathsTest {

    private static final String DOCUMENT = """
            {"a": {"b": [10, {"c": "x"}, null], "n": 1.50, "big": 12345678901234567890, "t": true},
             "list": [[1, 2], [3]], "weird-key": 1, "e": {}, "nothing": null, "_u9": "ok"}""";

    private static final Configuration JAYWAY = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .build();

    @ParameterizedTest
    @ValueSource(strings = {"$.a", "$.a.b", "$.a.b[0]", "$.a.b[1].c", "$.a.b[2]", "$.a.n", "$.a.big", "$.a.t",
            "$.list[0][1]", "$.list[1]", "$.e", "$.nothing", "$._u9", "$['weird-key']", "$.a.b[*]", "$..c",
            "$.missing", "$.a.missing", "$.a.b[7]", "$.a.b[1].c.d", "$.a.n.x", "$.list[0][5]", "$.nothing.x"})
    void selectsAndMissesAsJaywayDoes(String path) throws Exception {
        JsonNode document = Json.parse(DOCUMENT);
        Object expected;
        try {
            expected = JsonPath.compile(path).read(document, JAYWAY);
        } catch (PathNotFoundException miss) {
            assertEquals(miss.getMessage(),
                    assertThrows(JsonPaths.NotFound.class, () -> JsonPaths.read(path, document)).getMessage());
            return;
        }
        JsonNode expectedNode = expected instanceof JsonNode node ? node : Json.MAPPER.valueToTree(expected);
        assertEquals(expectedNode, JsonPaths.read(path, document));
    }

    @org.junit.jupiter.api.Test
    void aPlainPathReturnsTheNodeItselfNotACopy() throws Exception {
        JsonNode document = Json.parse(DOCUMENT);
        for (String path : List.of("$.a", "$.a.b[1]")) {
            assertSame(document.at(path.substring(1).replace('.', '/').replace("[", "/").replace("]", "")),
                    JsonPaths.read(path, document));
        }
    }

    /** Found by fuzzing: Jayway looks path functions up, and runs them, only when it reads; both may fail there. */
    @ParameterizedTest
    @ValueSource(strings = {"$.list.noSuchFunction()", "$.empty.max()", "$..min(1)"})
    void aPathThatCannotBeEvaluatedIsAnAslError(String path) throws Exception {
        JsonNode document = Json.parse("{\"list\": [1, 2], \"empty\": []}");
        AslError error = assertThrows(AslError.class, () -> JsonPaths.read(path, document));
        assertEquals("States.Runtime", error.error());
        assertTrue(error.cause().startsWith("The JSONPath '" + path + "' could not be evaluated: "), error.cause());
    }

    /**
     * Jayway ignores a path's last character when it cannot read it ({@code $.validation[} reads as
     * {@code $.validation}), so a malformed path would pass validation and read something else at run time. For
     * every path below and every stray character after it: either the path is invalid, or it reads something else.
     */
    @org.junit.jupiter.api.Test
    void aStrayLastCharacterIsNeverIgnored() {
        List<String> paths = List.of("$", "$.a", "$.validation", "$.a.b[0]", "$['a b']", "$.a[*]", "$..c", "$.a[0,1]",
                "$.a[1:2]", "$.a[?(@.b == 1)]", "$.a.length()", "$$.Execution.Id");
        List<String> strays = List.of("[", "]", "(", ")", ".", " ", "'", "\"", "x", "0", "*", "?", "{", "}", ",");
        List<String> ignored = new java.util.ArrayList<>();
        for (String path : paths) {
            for (String stray : strays) {
                String written = path + stray;
                if (JsonPaths.isValid(written) && readsAs(written).equals(readsAs(path))) {
                    ignored.add(written);
                }
            }
        }
        assertEquals(List.of(), ignored, "paths that validate but read as if their last character were not there");
        assertTrue(JsonPaths.isValid("$.validation") && JsonPaths.isValid("$$.Execution.Id"));
    }

    /** What Jayway reads, written canonically ({@code $['a'][0]}; a stray character after a path cannot change its filter). */
    private static String readsAs(String path) {
        return JsonPath.compile(path.startsWith("$$") ? path.substring(1) : path).getPath();
    }
}
