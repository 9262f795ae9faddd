package io.github.camelasl.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
            "$.missing", "$.a.missing", "$.a.b[7]", "$.a.b[1].c.d", "$.a.n.x", "$.list[0][5]", "$.nothing.x",
            "$.['a'].t", "$.list.[1]", "$.a.b[?(@.c =~ /^x\\]?/)]", "$.a.b[0:3:2]"})
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
     * Review 17 item 4: Jayway ignores a path's last character when it cannot read it ({@code $.validation[} reads
     * as {@code $.validation}), and reads a name written straight after a bracket ({@code $.a[0]xy} as
     * {@code $['a'][0]['xy']}), so such a path would pass validation and read something else at run time. AWS
     * refuses malformed paths with SCHEMA_VALIDATION_FAILED, "must be a valid JSONPath" (corpus case
     * scenarios_test_base_scenarios.TestBaseScenarios.test_illegal_escapes[ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION]).
     */
    @ParameterizedTest
    @ValueSource(strings = {"$.validation[", "$.a[0]]", "$.a[0]xy", "$.a[0]]]", "$['a']xx", "$['a'] x", "$.a)",
            "$.a(", "$.a.", "$..", "$.a b", "$[0", "$['a'", "$['a]", "$[0]0", "$.a[*]b", "$[?(@.a == 1)]x",
            "$[?(@.a == 1)", "$[?(@.a == ')')", "$[?@.a]", "$.a[0,]", "$.a[1:2:x]", "$.a[1:2:3:4]", "$.a['x',]", "$.a[]",
            "$.a[-]", "$.a[?(@.n =~ /x(/", "$.a..", "$.[",
            "$a", "$$.Execution.Id]", "$$.Map.Item.Value[0]z", "$ .a", "$.a]", "$.*x", "$..*x"})
    void aPathWithCharactersOutsideItsStepsIsInvalid(String path) {
        assertFalse(JsonPaths.isValid(path), path);
    }

    /**
     * What AWS documents as a path (https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html),
     * and what Jayway, whose syntax that page points to, compiles and reads whole: a dot before a bracket, a filter's
     * regex holding brackets, a slice's step (Jayway ignores it; a review of issue 17 found them refused).
     */
    @ParameterizedTest
    @ValueSource(strings = {"$", "$.a", "$.a.b[0]", "$['a b']", "$[\"a\"]", "$['a','b']", "$.a[*]", "$.*", "$..c",
            "$..['c']", "$..*", "$..[0]", "$.a[0,1]", "$.a[ 0 , 1 ]", "$.a[1:2]", "$.a[:2]", "$.a[-1:]", "$.a[-1]",
            "$.a[?(@.b == 1)]", "$.a[?(@.b == ']')]", "$.a[?(@.b in ['x', 'y'])]", "$.a[?(@.c[0] > 1 && @.d)]",
            "$.a.length()", "$.weird-key", "$.détail", "$$.Execution.Id", "$$.Map.Item.Value['x']", "$['it\\'s']",
            "$.a[0][1]['c'].d", "$.['a']", "$.a.[0]", "$.a[?(@.n =~ /^x\\(/)]", "$.a[?(@.n =~ /y\\]/)]",
            "$.a[?(@.n =~ /Z/i)]", "$.a[0:4:2]", "$.a[1:2:]"})
    void aPathMadeOfStepsIsValid(String path) {
        assertTrue(JsonPaths.isValid(path), path);
    }

    /** The check reads each character a bounded number of times, however long or nested the path. */
    @org.junit.jupiter.api.Test
    void checkingALongMalformedPathFinishes() {
        List<String> paths = List.of("$" + "[0]".repeat(200_000) + "x", "$.a[?(" + "(".repeat(200_000),
                "$" + "['a',".repeat(100_000), "$" + "[0".repeat(100_000) + ":", "$" + ".a".repeat(200_000) + "]");
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
            for (String path : paths) {
                assertFalse(JsonPaths.isValid(path));
            }
        });
    }
}
