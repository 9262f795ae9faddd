package io.github.camelasl.dataflow.jsonata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class JsonataExpressionsTest {

    private static final JsonNode STATES = json("""
            {"input": {"a": 1, "list": [1, 2, 3], "single": [7], "nothing": null, "text": "x", "half": 1.5,
                       "big": 123456789012345678, "obj": {"foo": "bar", "n": 2}},
             "context": {"Execution": {"Name": "run-1"}}}""");

    private static final Map<String, JsonNode> VARIABLES = new HashMap<>(Map.of(
            "total", json("3"),
            "nested", json("{\"k\": [1, {\"z\": true}]}"),
            "empty", json("{}")));

    static {
        VARIABLES.put("nullVar", json("null"));
    }

    private static JsonNode json(String text) {
        try {
            return Json.parse(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static JsonNode eval(String expression) {
        return JsonataExpressions.evaluate("{% " + expression + " %}", STATES, VARIABLES::get, "Output");
    }

    private static String cause(String expression) {
        AslError error = assertThrows(AslError.class, () -> eval(expression));
        assertEquals(ErrorNames.QUERY_EVALUATION_ERROR, error.error());
        return error.cause();
    }

    private static void assertJson(String expected, JsonNode actual) {
        assertEquals(json(expected), actual, () -> "expected " + expected + " but was " + actual);
    }

    // ---- delimiters ----

    @Test
    void recognisesOnlyStringsWrappedInTheDelimiters() {
        assertTrue(JsonataExpressions.isExpression(Json.NODES.textNode("{% $states.input %}")));
        assertTrue(JsonataExpressions.isExpression(Json.NODES.textNode("{%$x%}")));
        assertTrue(JsonataExpressions.isExpression(Json.NODES.textNode("{%\n  $x\n%}")));
        assertFalse(JsonataExpressions.isExpression(Json.NODES.textNode(" {% states.input %} ")),
                "AWS keeps a string with spaces outside the delimiters as a literal");
        assertFalse(JsonataExpressions.isExpression(Json.NODES.textNode("{% unterminated")));
        assertFalse(JsonataExpressions.isExpression(Json.NODES.textNode("$states.input")));
        assertFalse(JsonataExpressions.isExpression(Json.NODES.textNode("{%}")));
        assertFalse(JsonataExpressions.isExpression(json("{\"a\": \"{% 1 %}\"}")));
        assertFalse(JsonataExpressions.isExpression(null));
    }

    // ---- conversions ----

    @Test
    void integralResultsAreIntegers() {
        JsonNode two = eval("4 / 2");
        assertTrue(two.isIntegralNumber(), "4 / 2 should be the integer 2, was " + two);
        assertEquals("2", Json.write(two));
        assertEquals("3", Json.write(eval("$states.input.half * 2")));
        assertEquals("1", Json.write(eval("1.0")));
        assertEquals("2", Json.write(eval("$number(\"2\")")));
        assertEquals("0", Json.write(eval("-0")));
        assertEquals("1000000000000000000000", Json.write(eval("1e21")));
    }

    /**
     * AWS runs JSONata 2.0.6 (https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html), which reads
     * every JSON number as a double: what an expression returns writes 1.0 as 1 and 1e2 as 100, alone or inside the
     * object or array it returns unchanged (the input keeps its text for JSONPath states, not through JSONata).
     */
    @Test
    void numbersAnExpressionReturnsAreWrittenAsJsonataHoldsThemAloneOrNested() {
        JsonNode states = json("""
                {"input": {"a": 1.0, "b": 1e2, "c": 1.10, "d": 60.0, "e": -0.0, "f": 7, "g": 0.5,
                           "deep": [{"x": 2.50}], "huge": 1e400}}""");
        JsonNode whole = JsonataExpressions.evaluate("{% $states.input %}", states, VARIABLES::get, "Output");
        assertEquals("{\"a\":1,\"b\":100,\"c\":1.1,\"d\":60,\"e\":0,\"f\":7,\"g\":0.5,\"deep\":[{\"x\":2.5}],"
                + "\"huge\":1e400}", Json.write(whole));
        JsonNode alone = JsonataExpressions.evaluate("{% [$states.input.b, $states.input.deep[0].x] %}", states,
                VARIABLES::get, "Output");
        assertEquals("[100,2.5]", Json.write(alone));
    }

    @Test
    void fractionsKeepTheirDoubleValue() {
        assertEquals("0.30000000000000004", Json.write(eval("0.1 + 0.2")));
        assertEquals("1.5", Json.write(eval("$states.input.half")));
        // written as JSONata 2.0.6 (JavaScript) writes them, AWS's JSONata: 2.5e-7, not BigDecimal's 2.5E-7
        assertEquals("2.5e-7", Json.write(eval("2.5e-7")));
        assertEquals("[1e-7,-3.5e-10,0.000001]", Json.write(eval("[0.0000001, -3.5e-10, 0.000001]")));
    }

    @Test
    void inputNumbersAndTextPassThroughUnchanged() {
        assertEquals("123456789012345678", Json.write(eval("$states.input.big")));
        assertJson("{\"a\": 1, \"list\": [1, 2, 3], \"single\": [7], \"nothing\": null, \"text\": \"x\", \"half\": 1.5,"
                + " \"big\": 123456789012345678, \"obj\": {\"foo\": \"bar\", \"n\": 2}}", eval("$states.input"));
    }

    @Test
    void objectsKeepTheirKeyOrderAndNesting() {
        JsonNode result = eval("{\"z\": 1, \"a\": {\"y\": [1, {\"x\": null}], \"b\": $states.input.obj}}");
        assertEquals("{\"z\":1,\"a\":{\"y\":[1,{\"x\":null}],\"b\":{\"foo\":\"bar\",\"n\":2}}}", Json.write(result));
    }

    @Test
    void nullIsNotUndefined() {
        assertTrue(eval("null").isNull());
        assertTrue(eval("$states.input.nothing").isNull());
        assertTrue(eval("$nullVar").isNull());
        assertNull(eval("$states.input.missing"));
        assertNull(eval("$doesNotExist"));
        assertNull(eval("$states.input.list[$ > 10]"));
        assertJson("{\"kept\": null}", eval("{\"kept\": null, \"dropped\": $doesNotExist}"));
        assertJson("[null, 1]", eval("[$doesNotExist, null, 1]"));
        assertJson("[1, null, 2]", eval("$append([1], [null, 2])"));
        assertEquals(json("true"), eval("$exists($states.input.nothing)"));
        assertEquals(json("false"), eval("$exists($states.input.missing)"));
    }

    @Test
    void sequencesCollapseAsInJsonata() {
        assertJson("3", eval("$states.input.list[$ > 2]"), "a one-item sequence is the item");
        assertJson("[2, 3]", eval("$states.input.list[$ > 1]"));
        assertJson("[7]", eval("$states.input.single"), "an array in the data stays an array");
        assertJson("[7]", eval("$states.input.single[]"));
        assertJson("[2, 3, 4]", eval("$states.input.list.($ + 1)"));
        assertJson("1", eval("$map([1], function($v) { $v })"));
    }

    private static void assertJson(String expected, JsonNode actual, String message) {
        assertEquals(json(expected), actual, message + ": " + actual);
    }

    @Test
    void variablesAndStatesAreVisible() {
        assertJson("4", eval("$total + 1"));
        assertJson("[1, {\"z\": true}]", eval("$nested.k"));
        assertJson("true", eval("$nested.k[1].z"));
        assertJson("{}", eval("$empty"));
        assertJson("\"run-1\"", eval("$states.context.Execution.Name"));
        assertJson("6", eval("($sum($states.input.list))"));
        assertJson("2", eval("($local := 1; $local + 1)"));
    }

    @Test
    void aNullVariableLookupIsUndefined() {
        JsonNode result = JsonataExpressions.evaluate("{% $total %}", STATES, null, "Output");
        assertNull(result);
        assertNull(JsonataExpressions.evaluate("{% $states %}", null, VARIABLES::get, "Output"));
    }

    /**
     * The library's reads go through views of the Jackson tree; they must give what the library gives on plain maps
     * and lists (the library itself evaluates both sides here, so only the input's representation differs).
     */
    @Test
    void viewsOfTheInputBehaveAsCopies() {
        String[] expressions = {
            "$keys($states.input)", "$states.input.obj ~> |$|{\"added\": 1}|",
            "$merge([$states.input.obj, {\"n\": 3}])", "$sort($states.input.list, function($a, $b) { $a < $b })",
            "$reverse($states.input.list)", "$distinct($states.input.list)", "$states.input.*",
            "$count($states.input.**)", "$each($states.input.obj, function($v, $k) { $k & $v })",
            "$spread($states.input.obj)", "$lookup($states.input, \"text\")", "$states.input.list = [1, 2, 3]",
            "$states.input.obj = {\"foo\": \"bar\", \"n\": 2}", "$type($states.input.nothing)",
            "$states.input.list[-1]", "$sift($states.input.obj, function($v) { $v = 2 })",
            "$zip($states.input.list, $states.input.list)", "$filter($states.input.list, function($v) { $v > 1 })",
            "$reduce($states.input.list, function($a, $b) { $a + $b })", "$states.input.list^(>$)",
            "$states.input.obj.*", "$states.input.list[[0..1]]", "$states.input.list[$ > 1]",
            "$states.input.{\"k\": a}", "$states.input.single[0]", "[$states.input.nothing, 1]",
            "$exists($states.input.nothing)", "$states.input.obj.foo & $states.input.text",
        };
        for (String expression : expressions) {
            JsonNode viewed = JsonataExpressions.evaluate("{% " + expression + " %}", STATES, null, "Output");
            Jsonata plain = Jsonata.jsonata(expression);
            Jsonata.Frame frame = new Jsonata.Frame(null);
            frame.bind("states", plainCopy(STATES));
            JsonNode copied = JsonataValues.toJson(plain.evaluate(null, frame));
            assertEquals(copied, viewed, expression);
        }
        assertEquals(json("{\"foo\": \"bar\", \"n\": 2}"), STATES.get("input").get("obj"), "the input is untouched");
    }

    /** JSON as plain Java maps and lists, the way the library's own parser builds it. */
    private static Object plainCopy(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(member -> map.put(member.getKey(), plainCopy(member.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(plainCopy(item)));
            return list;
        }
        return JsonataValues.toJsonata(node);
    }

    @Test
    void resultsDoNotShareStructureWithTheInput() {
        ObjectNode states = (ObjectNode) STATES.deepCopy();
        JsonNode result = JsonataExpressions.evaluate("{% $states.input.obj %}", states, null, "Output");
        ((ObjectNode) result).put("foo", "changed");
        assertEquals("bar", states.get("input").get("obj").get("foo").asText());
    }

    // ---- the functions Step Functions adds ----

    @Test
    void partitionChunksAnArray() {
        assertJson("[[0]]", eval("$partition([0], 1)"));
        assertJson("[[0]]", eval("$partition([0], 5)"));
        assertJson("[[0, 1], [2]]", eval("$partition([0, 1, 2], 2)"));
        assertJson("[[0], [1], [2], [3]]", eval("$partition([0, 1, 2, 3], 1)"));
        assertJson("[[1, 2, 3], [4, 5, 6], [7, 8, 9]]", eval("$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)"));
        assertJson("[]", eval("$partition([], 3)"));
        assertJson("[[1, 2], [3]]", eval("$partition($states.input.list, 2)"));
        assertTrue(cause("$partition([1, 2], 0)").contains("must be a positive integer"));
        assertTrue(cause("$partition([1, 2], 1.5)").contains("must be an integer"));
        // JSONata 2.0.6 says "Argument 2"; jsonata-java (0.9.10 too) counts the argument differently (a known gap)
        assertTrue(cause("$partition([1, 2], \"2\")").contains(
                "of function \"partition\" does not match function signature"));
    }

    @Test
    void rangeCountsUpToAndIncludingTheEnd() {
        assertJson("[0, 3, 6, 9]", eval("$range(0, 10, 3)"));
        assertJson("[1, 3, 5, 7, 9]", eval("$range(1, 9, 2)"));
        assertJson("1", eval("$range(1, 9, 9)"), "AWS returns a one-item range as the item (recorded)");
        assertJson("[0, 2, 4, 6, 8, 10]", eval("$range(0, 10, 2)"));
        assertJson("[5, 3, 1]", eval("$range(5, 1, -2)"));
        assertJson("[1, 2, 3]", eval("$range(1, 3)"));
        assertJson("[]", eval("$range(5, 1, 1)"));
        assertTrue(cause("$range(1, 5, 0)").contains("must not be 0"));
        assertTrue(cause("$range(0, 10000000, 1)").contains("must not exceed 1e6"));
    }

    @Test
    void hashGivesLowerCaseHexDigests() {
        assertJson("\"900150983cd24fb0d6963f7d28e17f72\"", eval("$hash('abc', 'MD5')"));
        assertJson("\"a9993e364706816aba3e25717850c26c9cd0d89d\"", eval("$hash('abc', 'SHA-1')"));
        assertJson("\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"",
                eval("$hash('abc', 'SHA-256')"));
        assertJson("\"cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7\"",
                eval("$hash('abc', 'SHA-384')"));
        assertJson("\"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
                + "454d4423643ce80e2a9ac94fa54ca49f\"", eval("$hash('abc', 'SHA-512')"));
        assertTrue(cause("$hash('abc', 'SHA-999')").contains("'SHA-999'"));
    }

    @Test
    void randomIsAFractionAndDeterministicWithASeed() {
        for (int i = 0; i < 20; i++) {
            double value = eval("$random()").doubleValue();
            assertTrue(value >= 0 && value < 1, "out of [0, 1): " + value);
        }
        JsonNode seeded = eval("$random(42)");
        assertEquals(seeded, eval("$random(42)"));
        assertTrue(seeded.doubleValue() >= 0 && seeded.doubleValue() < 1);
        assertNotEquals(seeded, eval("$random(43)"));
        assertJson("true", eval("$random(7) = $random(7)"));
    }

    @Test
    void uuidIsARandomVersion4Uuid() {
        String first = eval("$uuid()").asText();
        assertTrue(first.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), first);
        assertNotEquals(first, eval("$uuid()").asText());
    }

    @Test
    void parseReadsJsonText() {
        assertJson("0", eval("$parse('-0')"));
        assertJson("1", eval("$parse('1')"));
        assertJson("1.1", eval("$parse('1.1')"));
        assertJson("true", eval("$parse('true')"));
        assertJson("\"HelloWorld\"", eval("$parse('\"HelloWorld\"')"));
        assertJson("[1, 2, \"HelloWorld\"]", eval("$parse('[1, 2, \"HelloWorld\"]')"));
        assertJson("{\"a\": {\"b\": [null]}}", eval("$parse('{\"a\": {\"b\": [null]}}')"));
        assertTrue(eval("$parse('null')").isNull());
        assertJson("2", eval("$parse('{\"a\": [1, 2]}').a[1]"));
        assertTrue(cause("$parse('{bad')").contains("not valid JSON"));
    }

    @Test
    void evalIsNotAvailable() {
        assertEquals("The JSONata expression '$eval(\"1 + 1\")' specified for the field 'Output' threw an error during"
                + " evaluation. T1006: Attempted to invoke a non-function", cause("$eval(\"1 + 1\")"));
    }

    // ---- JSONata 2.0.6 behaviour where jsonata-java 0.9.10 differs ----

    @Test
    void stringPrintsNumbersAsJavaScriptDoes() {
        assertJson("\"100000000000000000000\"", eval("$string(1e20)"));
        assertJson("\"1e+21\"", eval("$string(1e21)"));
        assertJson("\"0.333333333333333\"", eval("$string(1/3)"));
        assertJson("\"123456789012346000\"", eval("$string($states.input.big)"));
        assertJson("\"1e-7\"", eval("$string(0.0000001)"));
        assertJson("\"0.000001\"", eval("$string(0.000001)"));
        assertJson("\"3\"", eval("$string(3.0)"));
        assertJson("\"{\\\"a\\\":[1,2.5,null,\\\"\\\"]}\"", eval("$string({'a': [1, 2.5, null, function($x) {$x}]})"));
        assertJson("\"{\\n  \\\"a\\\": [\\n    1\\n  ]\\n}\"", eval("$string({'a': [1]}, true)"));
        assertJson("\"x\"", eval("$string('x')"));
        assertJson("\"null\"", eval("$string(null)"));
        assertJson("[\"1\", \"2\", \"3\"]", eval("$states.input.list.$string()"));
    }

    @Test
    void numberAcceptsOnlyJsonNumbersAndPrefixedIntegers() {
        assertJson("2", eval("$number('2')"));
        assertJson("-1.5", eval("$number('-1.5')"));
        assertJson("1000", eval("$number('1e3')"));
        assertJson("16", eval("$number('0x10')"));
        assertJson("5", eval("$number('0b101')"));
        assertJson("1", eval("$number(true)"));
        assertJson("3", eval("$number(3)"));
        assertEquals("The JSONata expression '$number(\"abc\")' specified for the field 'Output' threw an error during"
                + " evaluation. D3030: Unable to cast value to a number: \"abc\"", cause("$number(\"abc\")"));
        assertTrue(cause("$number(' 5 ')").endsWith("D3030: Unable to cast value to a number: \" 5 \""));
        assertTrue(cause("$number('5.')").contains("D3030"));
        assertTrue(cause("$number('-')").contains("D3030"));
    }

    @Test
    void urlFunctionsAreJavaScripts() {
        assertJson("\"a%20b/%C3%BC?x=1\"", eval("$encodeUrl('a b/ü?x=1')"));
        assertJson("\"a%20b%2F%C3%BC%3Fx%3D1\"", eval("$encodeUrlComponent('a b/ü?x=1')"));
        assertJson("\"a b%2Fü\"", eval("$decodeUrl('a%20b%2F%C3%BC')"));
        assertJson("\"a b/ü\"", eval("$decodeUrlComponent('a%20b%2F%C3%BC')"));
        assertTrue(cause("$decodeUrlComponent('%')").endsWith(
                "D3140: Malformed URL passed to $decodeUrlComponent(): \"%\""));
    }

    @Test
    void substringCountsCodePoints() {
        assertJson("\"a\"", eval("$substring('😀a', 1)"));
        assertJson("\"ll\"", eval("$substring('hello', -3, 2)"));
        assertJson("\"ello\"", eval("$substring('hello', 1)"));
        assertJson("\"\"", eval("$substring('hello', 1, 0)"));
        assertJson("1", eval("$length('😀')"));
    }

    @Test
    void nowAndMillisUseOneTimestampPerEvaluation() {
        long before = Instant.now().toEpochMilli();
        long millis = eval("$millis()").longValue();
        long after = Instant.now().toEpochMilli();
        assertTrue(millis >= before && millis <= after, "millis " + millis + " not in [" + before + ", " + after + "]");
        String now = eval("$now()").asText();
        assertTrue(now.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"), now);
        assertJson("true", eval("$now() = $now() and $millis() = $millis()"));
        assertJson("true", eval("$toMillis($now()) = $millis()"));
        assertEquals(String.valueOf(java.time.Year.now(java.time.ZoneOffset.UTC).getValue()),
                eval("$now('[Y0001]')").asText());
    }

    /**
     * $sort without a comparator takes numbers or strings (https://docs.jsonata.org/array-functions#sort; AWS runs
     * JSONata 2.0.6: https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html); jsonata-java
     * 0.9.10 failed [1, 2.5] and [1, 'a'] with a Java ClassCastException.
     */
    @Test
    void sortTakesNumbersOrStrings() {
        assertJson("[1, 1.5, 2]", eval("$sort([2, $states.input.half, 1])"));
        assertJson("[\"B\", \"a\", \"b\"]", eval("$sort(['b', 'a', 'B'])"));
        assertJson("[3, 2.5, 1]", eval("$sort([1, 3, 2.5], function($l, $r) { $l < $r })"));
        assertJson("[1, 2, 3]", eval("$sort($states.input.list)"));
        assertNull(eval("$sort($states.input.missing)"));
        assertTrue(cause("$sort([1, 'a'])").endsWith("D3070: The single argument form of the sort function can only"
                + " be applied to an array of strings or an array of numbers.  Use the second argument to specify a"
                + " comparison function"));
        assertTrue(cause("$sort([null, 1])").endsWith("Use the second argument to specify a comparison function"));
    }

    @Test
    void assertFailsOnAnUndefinedCondition() {
        // JSONata 2.0.6's $assert tests !condition, so undefined fails it (jsonata-java 0.9.10 throws a Java exception)
        assertTrue(cause("$assert($states.input.missing)").endsWith("D3141: $assert() statement failed"));
        assertTrue(cause("$assert($states.input.missing, 'nope')").endsWith("D3141: nope"));
    }

    @Test
    void roundIsBankersRoundingOnTheDecimalText() {
        assertJson("2", eval("$round(2.5)"));
        assertJson("4", eval("$round(3.5)"));
        assertJson("-2", eval("$round(-2.5)"));
        assertJson("0", eval("$round(-0.5)"));
        assertJson("1", eval("$round(1.005, 2)"));
        assertJson("2.68", eval("$round(2.675, 2)"));
        assertJson("0.12", eval("$round(0.125, 2)"));
        assertJson("120", eval("$round(123.456, -1)"));
    }

    // ---- JSONata 2.0.6 behaviour jsonata-java 0.9.10 brought (AWS runs JSONata 2.0.6:
    // https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html) ----

    /** Order-by compares numbers as numbers (https://docs.jsonata.org/path-operators#-order-by-); 0.9.9 threw. */
    @Test
    void orderByComparesIntegersWithDecimals() {
        assertJson("[1, 1.5]", eval("[$states.input.half, $states.input.a]^($)"));
        assertJson("[{\"p\": 2.5}, {\"p\": 1}]", eval("[{'p': 1}, {'p': 2.5}]^(>p)"));
    }

    /** An index before the first item selects nothing (https://docs.jsonata.org/simple#navigating-json-arrays). */
    @Test
    void negativeIndexBeforeTheFirstItemIsUndefined() {
        assertJson("1", eval("$states.input.list[-3]"));
        assertNull(eval("$states.input.list[-4]"), "0.9.9 threw IndexOutOfBoundsException");
        assertNull(eval("[][-1]"));
    }

    // ---- templates ----

    @Test
    void templatesEvaluateNestedExpressionsAndKeepLiterals() {
        JsonNode template = json("""
                {"literal": "plain", "spaced": " {% $x %} ", "path": "$.not.a.path", "n": 0.1, "none": null,
                 "expr": "{% $states.input.a + 1 %}",
                 "nested": {"list": [1, "{% $states.input.text %}", {"deep": "{% $total %}"}], "empty": {}},
                 "whole": "{% $states.input.obj %}"}""");
        JsonNode result = JsonataExpressions.evaluateTemplate(template, STATES, VARIABLES::get, "Arguments");
        assertJson("""
                {"literal": "plain", "spaced": " {% $x %} ", "path": "$.not.a.path", "n": 0.1, "none": null,
                 "expr": 2,
                 "nested": {"list": [1, "x", {"deep": 3}], "empty": {}},
                 "whole": {"foo": "bar", "n": 2}}""", result);
        assertEquals("{\"literal\"", Json.write(result).substring(0, 10), "keys keep their order");
    }

    @Test
    void templateResultsAreNewTrees() {
        JsonNode template = json("{\"a\": {\"b\": [1]}}");
        JsonNode result = JsonataExpressions.evaluateTemplate(template, STATES, VARIABLES::get, "Output");
        ((ObjectNode) result.get("a")).put("added", true);
        assertEquals(json("{\"a\": {\"b\": [1]}}"), template);
        JsonNode scalar = Json.NODES.textNode("literal");
        assertSame(scalar, JsonataExpressions.evaluateTemplate(scalar, STATES, null, "Output"));
    }

    @Test
    void templateValuesThatAreUndefinedFailWithTheirPath() {
        assertEquals("The JSONata expression '$doesNotExist' specified for the field 'Output' returned nothing"
                + " (undefined).", templateCause("\"{% $doesNotExist %}\"", "Output"));
        assertEquals("The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing"
                + " (undefined).", templateCause("{\"result\": \"{% $doesNotExist %}\"}", "Output"));
        assertEquals("The JSONata expression '$doesNotExist' specified for the field 'Assign/result' returned nothing"
                + " (undefined).", templateCause("{\"result\": \"{% $doesNotExist %}\"}", "Assign"));
        assertEquals("The JSONata expression '$states.input.missing' specified for the field 'Arguments/a/list/1'"
                + " returned nothing (undefined).",
                templateCause("{\"a\": {\"list\": [0, \"{% $states.input.missing %}\"]}}", "Arguments"));
    }

    private static String templateCause(String template, String field) {
        AslError error = assertThrows(AslError.class,
                () -> JsonataExpressions.evaluateTemplate(json(template), STATES, VARIABLES::get, field));
        assertEquals(ErrorNames.QUERY_EVALUATION_ERROR, error.error());
        return error.cause();
    }

    // ---- typed fields ----

    @Test
    void itemsMustBeAnArray() {
        assertJson("[1, \"two\", 3]", JsonataExpressions.evaluateAs("{% [1, 'two', 3] %}", STATES, VARIABLES::get,
                "Items", ExpectedType.ARRAY));
        assertEquals("The JSONata expression '$obj' specified for the field 'Items' returned an unexpected result type."
                + " Expected 'array', but was 'object' for value: {\"foo\":\"bar\"}",
                itemsCause("{% $obj %}", Map.of("obj", json("{\"foo\": \"bar\"}"))));
        assertEquals("The JSONata expression ''string'' specified for the field 'Items' returned an unexpected result"
                + " type. Expected 'array', but was 'string' for value: \"string\"", itemsCause("{% 'string' %}", Map.of()));
        assertEquals("The JSONata expression 'null' specified for the field 'Items' returned an unexpected result type."
                + " Expected 'array', but was 'null' for value: null", itemsCause("{% null %}", Map.of()));
        assertEquals("The JSONata expression 'true' specified for the field 'Items' returned an unexpected result type."
                + " Expected 'array', but was 'boolean' for value: true", itemsCause("{% true %}", Map.of()));
        assertEquals("The JSONata expression '$n' specified for the field 'Items' returned an unexpected result type."
                + " Expected 'array', but was 'number' for value: 1", itemsCause("{% $n %}", Map.of("n", json("1"))));
        assertEquals("The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an"
                + " unsupported result type.", itemsCause("{% $fn := function($x){$x} %}", Map.of()));
        assertEquals("The JSONata expression '$nope' specified for the field 'Items' returned nothing (undefined).",
                itemsCause("{% $nope %}", Map.of()));
    }

    private static String itemsCause(String expression, Map<String, JsonNode> variables) {
        AslError error = assertThrows(AslError.class,
                () -> JsonataExpressions.evaluateAs(expression, STATES, variables::get, "Items", ExpectedType.ARRAY));
        assertEquals(ErrorNames.QUERY_EVALUATION_ERROR, error.error());
        return error.cause();
    }

    @Test
    void otherExpectedTypes() {
        Function<String, JsonNode> none = name -> null;
        assertJson("true", JsonataExpressions.evaluateAs("{% 1 = 1 %}", STATES, none, "Condition",
                ExpectedType.BOOLEAN));
        assertJson("5", JsonataExpressions.evaluateAs("{% 5.0 %}", STATES, none, "MaxConcurrency",
                ExpectedType.INTEGER));
        assertThrows(AslError.class, () -> JsonataExpressions.evaluateAs("{% 5.5 %}", STATES, none,
                "MaxConcurrency", ExpectedType.INTEGER));
        assertThrows(AslError.class, () -> JsonataExpressions.evaluateAs("{% 'a' %}", STATES, none, "Condition",
                ExpectedType.BOOLEAN));
        assertTrue(JsonataExpressions.evaluateAs("{% null %}", STATES, none, "Output", ExpectedType.ANY).isNull());
    }

    // ---- error texts ----

    @Test
    void runtimeErrorsUseJsonata206Wording() {
        assertEquals("The JSONata expression '$randomSeeded($states.input.a)' specified for the field 'Output' threw"
                + " an error during evaluation. T1006: Attempted to invoke a non-function",
                cause("$randomSeeded($states.input.a)"));
        assertTrue(cause("'a' + 1").endsWith("T2001: The left side of the \"+\" operator must evaluate to a number"));
        assertTrue(cause("1 - 'a'").endsWith("T2002: The right side of the \"-\" operator must evaluate to a number"));
        assertTrue(cause("$lowercase(1)").endsWith(
                "T0410: Argument 1 of function \"lowercase\" does not match function signature"));
        assertTrue(cause("$sum(['a'])").endsWith(
                "T0412: Argument 1 of function \"sum\" must be an array of \"numbers\""));
        assertTrue(cause("$sqrt(-1)").endsWith("D3060: The sqrt function cannot be applied to a negative number: -1"));
        assertTrue(cause("-'a'").endsWith("D1002: Cannot negate a non-numeric value: \"a\""));
        assertTrue(cause("1 < 'a'").endsWith(
                "T2009: The values 1 and \"a\" either side of operator \"<\" must be of the same data type"));
        assertTrue(cause("{'a': 1, 'a': 2}").endsWith("D1009: Multiple key definitions evaluate to same key: \"a\""));
        assertTrue(cause("1 / 0").endsWith("D1001: Number out of range: null"));
        assertTrue(cause("$error('boom')").endsWith("D3137: boom"));
        assertTrue(cause("$assert(false, 'nope')").endsWith("D3141: nope"));
        assertTrue(cause("$formatBase(1, 99)").endsWith(
                "D3100: The radix of the formatBase function must be between 2 and 36.  It was given 99"));
        assertTrue(cause("$single([1, 2])").endsWith(
                "D3138: The $single() function expected exactly 1 matching result.  Instead it matched more."));
        assertTrue(cause("$replace('a', '', 'b')").endsWith(
                "D3010: Second argument of replace function cannot be an empty string"));
    }

    @Test
    void functionResultsAreUnsupported() {
        assertEquals("The JSONata expression 'function($x){$x}' specified for the field 'Output' returned an"
                + " unsupported result type.", cause("function($x){$x}"));
        assertTrue(cause("$sum").endsWith("returned an unsupported result type."));
        assertTrue(cause("{'f': $uuid}").endsWith("returned an unsupported result type."));
    }

    @Test
    void parseErrorsAreReported() {
        assertNull(JsonataExpressions.staticProblem("{% $states.input.a + 1 %}"));
        assertNull(JsonataExpressions.staticProblem("$states.input"));
        assertNull(JsonataExpressions.staticProblem("{% /ab/ %}"), "a regular expression ending the text parses");
        assertEquals("S0207: Unexpected end of expression", JsonataExpressions.staticProblem("{% 1 + %}"));
        assertEquals("S0202: Expected \"]\", got \"..\"", JsonataExpressions.staticProblem("{% $a[0..1] %}"));
        assertEquals("S0101: String literal must be terminated by a matching quote",
                JsonataExpressions.staticProblem("{% 'abc %}"));
        assertEquals("S0106: Comment has no closing tag", JsonataExpressions.staticProblem("{% 1 /* c %}"));
        assertEquals("S0201: Syntax error: \";\"", JsonataExpressions.staticProblem("{% 1; 2 %}"));
        assertTrue(JsonataExpressions.staticProblem("{% 1), $x(2 %}") != null, "text that does not parse on its own");
        assertNull(JsonataExpressions.staticProblem("{% 1 /* c */ %}"), "a comment ending the text parses");
        assertEquals("The JSONata expression '1 +' specified for the field 'Output' threw an error during evaluation."
                + " S0207: Unexpected end of expression", cause("1 +"));
    }

    // ---- caching and threads ----

    @Test
    void variableNamesAreFoundWhereverWritten() {
        assertEquals(List.of("states", "a", "b_2", "ä"),
                List.copyOf(CompiledExpression.referencedNames("$states.input[$a = 1].($b_2 + $ä)")));
        assertTrue(CompiledExpression.referencedNames("'$inString' & $x").contains("x"));
        assertTrue(CompiledExpression.referencedNames("$f($y)").containsAll(List.of("f", "y")));
    }

    @Test
    void parsedExpressionsAreCached() {
        String expression = "{% $states.input.a + 41 %}";
        eval("$states.input.a + 41");
        int size = ExpressionCache.size();
        assertJson("42", JsonataExpressions.evaluate(expression, STATES, null, "Output"));
        assertEquals(size, ExpressionCache.size());
        assertSame(ExpressionCache.get("$states.input.a + 41"), ExpressionCache.get("$states.input.a + 41"));
    }

    /** A variable bound for one expression must never be visible to another (the library's per-thread instance). */
    @Test
    void variablesDoNotLeakBetweenEvaluations() {
        assertJson("1", JsonataExpressions.evaluate("{% $leak %}", STATES, Map.of("leak", json("1"))::get, "Output"));
        assertNull(JsonataExpressions.evaluate("{% $leak %}", STATES, name -> null, "Output"));
        assertJson("2", JsonataExpressions.evaluate("{% $leak2 := 2 %}", STATES, null, "Output"));
        assertNull(JsonataExpressions.evaluate("{% $leak2 %}", STATES, null, "Output"));
        // a new expression parsed between two evaluations of a cached one
        assertJson("1", JsonataExpressions.evaluate("{% $leak %}", STATES, Map.of("leak", json("1"))::get, "Output"));
        JsonataExpressions.staticProblem("{% $fresh" + System.nanoTime() + " %}");
        assertNull(JsonataExpressions.evaluate("{% $leak %}", STATES, name -> null, "Output"));
    }

    @Test
    void concurrentEvaluationsOfSharedExpressionsStayApart() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                tasks.add(() -> {
                    for (int i = 0; i < 300; i++) {
                        int n = thread * 1000 + i;
                        JsonNode states = json("{\"input\": {\"n\": " + n + ", \"list\": [" + n + ", 1]}}");
                        Map<String, JsonNode> variables = i % 2 == 0 ? Map.of("v", json(String.valueOf(n))) : Map.of();
                        assertEquals(n + 1, JsonataExpressions.evaluate("{% $states.input.n + 1 %}", states,
                                variables::get, "Output").intValue());
                        assertEquals(n + 1, JsonataExpressions.evaluate("{% $sum($states.input.list) %}", states,
                                variables::get, "Output").intValue());
                        JsonNode v = JsonataExpressions.evaluate("{% $v %}", states, variables::get, "Output");
                        if (i % 2 == 0) {
                            assertEquals(n, v.intValue());
                        } else {
                            assertNull(v, "a variable leaked into an evaluation without it");
                        }
                        JsonataExpressions.staticProblem("{% $x" + thread + "_" + (i % 7) + " %}");
                    }
                    return null;
                });
            }
            for (Future<Void> result : pool.invokeAll(tasks)) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
