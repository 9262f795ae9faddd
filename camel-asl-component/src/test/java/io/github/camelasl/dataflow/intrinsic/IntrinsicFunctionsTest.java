package io.github.camelasl.dataflow.intrinsic;

import static io.github.camelasl.dataflow.intrinsic.IntrinsicTestSupport.assertFails;
import static io.github.camelasl.dataflow.intrinsic.IntrinsicTestSupport.assertJson;
import static io.github.camelasl.dataflow.intrinsic.IntrinsicTestSupport.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Bindings;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Behaviour of each of the 18 intrinsic functions, valid calls and the failures AWS raises. */
class IntrinsicFunctionsTest {

    private static final String FAILURE = ErrorNames.INTRINSIC_FAILURE;

    @Nested
    class Format {

        @Test
        void replacesPlaceholdersInOrder() {
            assertEquals("Hello, my name is Arnav.",
                    eval("States.Format('Hello, my name is {}.', $.name)", "{\"name\": \"Arnav\"}").textValue());
            assertEquals("a=1 b=x", eval("States.Format('a={} b={}', 1, 'x')").textValue());
        }

        @Test
        void readsTheTemplateFromAPath() {
            assertEquals("Hello, my name is Arnav.", eval("States.Format($.template, $.name)",
                    "{\"name\": \"Arnav\", \"template\": \"Hello, my name is {}.\"}").textValue());
        }

        @Test
        void rendersScalarsAsJsonText() {
            String input = "{\"n\": null, \"i\": 1, \"d\": 1.1, \"t\": true, \"s\": \" \"}";
            assertEquals("null 1 1.1 true [ ]", eval("States.Format('{} {} {} {} [{}]', $.n, $.i, $.d, $.t, $.s)",
                    input).textValue());
        }

        @Test
        void rendersObjectsAndArraysLikeJavaMapsAndLists() {
            // Recorded by AWS: {"Arg1": 1, "Arg2": []} prints as {Arg1=1, Arg2=[]}.
            assertEquals("x={Arg1=1, Arg2=[]}", eval("States.Format('x={}', $.o)",
                    "{\"o\": {\"Arg1\": 1, \"Arg2\": []}}").textValue());
            assertEquals("[a, 1, {k=null}, [true]]", eval("States.Format('{}', $.a)",
                    "{\"a\": [\"a\", 1, {\"k\": null}, [true]]}").textValue());
        }

        @Test
        void keepsAStringHoldingJsonAsItIs() {
            assertEquals("v={\"Arg1\": 1}", eval("States.Format('v={}', $.s)",
                    "{\"s\": \"{\\\"Arg1\\\": 1}\"}").textValue());
        }

        @Test
        void escapedBracesInALiteralTemplateAreNotPlaceholders() {
            assertEquals("{} and 5 and \\ and 'q'",
                    eval("States.Format('\\{\\} and {} and \\\\ and \\'q\\'', 5)").textValue());
        }

        @Test
        void readsTheContextObject() {
            assertEquals("run-1 / {Id=arn:aws:states:us-east-1:111111111111:stateMachine:my-machine, Name=my-machine}",
                    eval("States.Format('{} / {}', $$.Execution.Name, $$.StateMachine)").textValue());
        }

        @Test
        void failsWhenValuesAndPlaceholdersDoNotMatch() {
            AslError tooFew = assertFails("States.Format('{} {}', 1)", "{}", FAILURE);
            assertTrue(tooFew.cause().contains("States.Format") && tooFew.cause().contains("2 {} placeholders"),
                    tooFew.cause());
            assertFails("States.Format('no placeholder', 1)", "{}", FAILURE);
        }

        @Test
        void failsWhenTheTemplateIsNotAString() {
            AslError error = assertFails("States.Format($.t, 1)", "{\"t\": 5}", FAILURE);
            assertTrue(error.cause().contains("must be a string"), error.cause());
        }
    }

    @Nested
    class StringToJson {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "\"{\\\"Arg1\\\": 1, \\\"Arg2\\\": []}\" | {\"Arg1\": 1, \"Arg2\": []}",
            "\"[1, 2, \\\"HelloWorld\\\"]\"          | [1, 2, \"HelloWorld\"]",
            "\"\\\"HelloWorld\\\"\"                  | \"HelloWorld\"",
            "\"true\"                                | true",
            "\"1.1\"                                 | 1.1",
            "\"-0\"                                  | 0",
            "\"null\"                                | null",
            "\"\"                                    | null",
            "\"  \"                                  | null",
        })
        void parsesJsonTextLikeAws(String inputString, String expected) {
            assertJson(expected, eval("States.StringToJson($.s)", "{\"s\": " + inputString + "}"));
        }

        @Test
        void failsOnInvalidJson() {
            AslError error = assertFails("States.StringToJson($.s)", "{\"s\": \"{not json\"}", FAILURE);
            assertTrue(error.cause().contains("not valid JSON"), error.cause());
        }

        /** Jackson throws NumberFormatException for a number no BigDecimal holds: it is not valid JSON either. */
        @Test
        void failsOnANumberNoDecimalCanHold() {
            AslError error = assertFails("States.StringToJson($.s)", "{\"s\": \"[1e99999999999]\"}", FAILURE);
            assertTrue(error.cause().contains("not valid JSON"), error.cause());
        }

        @Test
        void failsOnANonString() {
            assertFails("States.StringToJson($.s)", "{\"s\": {\"a\": 1}}", FAILURE);
        }
    }

    @Nested
    class JsonToString {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "{\"Arg1\": 1, \"Arg2\": []} | {\"Arg1\":1,\"Arg2\":[]}",
            "[1, 2, \"HelloWorld\"]      | [1,2,\"HelloWorld\"]",
            "\"HelloWorld\"              | \"HelloWorld\"",
            "true                        | true",
            "1.1                         | 1.1",
            "0                           | 0",
            "null                        | null",
        })
        void writesCompactJsonText(String value, String expectedText) {
            assertEquals(expectedText, eval("States.JsonToString($.v)", "{\"v\": " + value + "}").textValue());
        }
    }

    @Nested
    class Array {

        @Test
        void collectsItsArgumentsInOrder() {
            assertJson("[]", eval("States.Array()"));
            assertJson("[\"a\", 1, -2.5, true, null, {\"x\": [1]}]",
                    eval("States.Array('a', 1, -2.5, true, null, $.o)", "{\"o\": {\"x\": [1]}}"));
        }
    }

    @Nested
    class ArrayPartition {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "[1,2,3,4,5,6,7,8,9] | 4 | [[1,2,3,4],[5,6,7,8],[9]]",
            "[0,1,2,3]           | 2 | [[0,1],[2,3]]",
            "[0,1]               | 5 | [[0,1]]",
            "[]                  | 1 | []",
        })
        void splitsIntoChunks(String array, int size, String expected) {
            assertJson(expected, eval("States.ArrayPartition($.a, $.n)", "{\"a\": " + array + ", \"n\": " + size + "}"));
        }

        @Test
        void failsOnANonPositiveChunkSize() {
            AslError error = assertFails("States.ArrayPartition($.a, 0)", "{\"a\": [1]}", FAILURE);
            assertTrue(error.cause().contains("positive"), error.cause());
            assertFails("States.ArrayPartition($.a, -1)", "{\"a\": [1]}", FAILURE);
        }

        @Test
        void failsOnANonIntegerChunkSizeOrANonArray() {
            assertFails("States.ArrayPartition($.a, 1.5)", "{\"a\": [1]}", FAILURE);
            assertFails("States.ArrayPartition($.a, 1)", "{\"a\": \"abc\"}", FAILURE);
        }
    }

    @Nested
    class ArrayContains {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "[1,2,3,4,5,6,7,8,9]      | 5                  | true",
            "[]                       | null               | false",
            "[[1, 2, 3], 2]           | [1, 2, 3]          | true",
            "[[1, 2, 3], 2]           | null               | false",
            "[{\"1\": 2, \"2\": []}]  | {\"2\": [], \"1\": 2} | true",
            "[true, false]            | false              | true",
            "[1, 2]                   | 2.0                | true",
            "[\"1\"]                  | 1                  | false",
        })
        void comparesByValue(String array, String value, boolean expected) {
            assertEquals(expected, eval("States.ArrayContains($.a, $.v)",
                    "{\"a\": " + array + ", \"v\": " + value + "}").booleanValue());
        }

        @Test
        void failsOnANonArray() {
            assertFails("States.ArrayContains($.a, 1)", "{\"a\": {\"x\": 1}}", FAILURE);
        }
    }

    @Nested
    class ArrayRange {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "1  | 9  | 2  | [1,3,5,7,9]",
            "0  | 10 | 3  | [0,3,6,9]",
            "1  | 9  | 9  | [1]",
            "5  | 5  | 1  | [5]",
            "10 | 1  | -3 | [10,7,4,1]",
            "1  | 9  | -1 | []",
        })
        void buildsTheRange(int first, int last, int step, String expected) {
            assertJson(expected, eval("States.ArrayRange(" + first + ", " + last + ", " + step + ")"));
        }

        @Test
        void allowsExactlyOneThousandItems() {
            assertEquals(1000, eval("States.ArrayRange(1, 1000, 1)").size());
            AslError error = assertFails("States.ArrayRange(0, 1000, 1)", "{}", FAILURE);
            assertTrue(error.cause().contains("1001") && error.cause().contains("1000"), error.cause());
        }

        @Test
        void failsOnAZeroStepOrNonIntegers() {
            assertFails("States.ArrayRange(1, 9, 0)", "{}", FAILURE);
            assertFails("States.ArrayRange(1.5, 9, 1)", "{}", FAILURE);
            assertFails("States.ArrayRange('1', 9, 1)", "{}", FAILURE);
        }
    }

    @Nested
    class ArrayGetItem {

        @Test
        void returnsTheItemAtAZeroBasedIndex() {
            assertJson("6", eval("States.ArrayGetItem($.a, $.i)", "{\"a\": [1,2,3,4,5,6,7,8,9], \"i\": 5}"));
            assertJson("{\"k\": 1}", eval("States.ArrayGetItem($.a, 0)", "{\"a\": [{\"k\": 1}]}"));
        }

        @Test
        void failsOutsideTheArray() {
            AslError error = assertFails("States.ArrayGetItem($.a, 3)", "{\"a\": [1,2,3]}", FAILURE);
            assertTrue(error.cause().contains("index 3 is out of bounds"), error.cause());
            assertFails("States.ArrayGetItem($.a, -1)", "{\"a\": [1,2,3]}", FAILURE);
        }

        @Test
        void failsOnANonIntegerIndex() {
            assertFails("States.ArrayGetItem($.a, 1.5)", "{\"a\": [1,2,3]}", FAILURE);
            assertFails("States.ArrayGetItem($.a, '1')", "{\"a\": [1,2,3]}", FAILURE);
        }
    }

    @Nested
    class ArrayLength {

        @Test
        void countsTheItems() {
            assertJson("9", eval("States.ArrayLength($.a)", "{\"a\": [1,2,3,4,5,6,7,8,9]}"));
            assertJson("0", eval("States.ArrayLength($.a)", "{\"a\": []}"));
        }

        @Test
        void failsOnANonArray() {
            assertFails("States.ArrayLength($.a)", "{\"a\": \"abc\"}", FAILURE);
        }
    }

    @Nested
    class ArrayUnique {

        @Test
        void keepsTheFirstOccurrenceInOrder() {
            assertJson("[1,2,3,4]", eval("States.ArrayUnique($.a)", "{\"a\": [1,2,3,3,3,3,3,3,4]}"));
            assertJson("[3,1,2]", eval("States.ArrayUnique($.a)", "{\"a\": [3,1,3,2,1]}"));
        }

        @Test
        void comparesStructuredValuesAndNumbersByValue() {
            String input = """
                    {"a": [null, null, true, true, false, 1, 1.0, 1.1, 0, -0, "x", "x", [], [], [null], [null],
                           {"a": 1, "b": 2}, {"b": 2, "a": 1}, {"a": 1, "b": 1}]}
                    """;
            assertJson("[null, true, false, 1, 1.1, 0, \"x\", [], [null], {\"a\": 1, \"b\": 2}, {\"a\": 1, \"b\": 1}]",
                    eval("States.ArrayUnique($.a)", input));
        }
    }

    @Nested
    class Base64 {

        @Test
        void encodesAndDecodesUtf8() {
            assertEquals("RGF0YSB0byBlbmNvZGU=", eval("States.Base64Encode('Data to encode')").textValue());
            assertEquals("Data to encode", eval("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')").textValue());
            assertEquals("", eval("States.Base64Encode('')").textValue());
            assertEquals("w6k=", eval("States.Base64Encode('é')").textValue());
            assertEquals("é", eval("States.Base64Decode('w6k=')").textValue());
        }

        @Test
        void limitsTheInputToTenThousandCharacters() {
            String tenThousand = "a".repeat(10_000);
            assertEquals(13_336, eval("States.Base64Encode($.s)", "{\"s\": \"" + tenThousand + "\"}").textValue().length());
            AslError error = assertFails("States.Base64Encode($.s)", "{\"s\": \"" + tenThousand + "a\"}", FAILURE);
            assertTrue(error.cause().contains("10000"), error.cause());
            assertFails("States.Base64Decode($.s)", "{\"s\": \"" + "QUFB".repeat(2501) + "\"}", FAILURE);
        }

        @Test
        void failsOnInvalidBase64OrANonString() {
            assertFails("States.Base64Decode('not*base64')", "{}", FAILURE);
            assertFails("States.Base64Encode($.n)", "{\"n\": 5}", FAILURE);
        }
    }

    @Nested
    class Hash {

        @ParameterizedTest
        @CsvSource({
            // SHA-1 and SHA-512 recorded by AWS; the others computed independently (Python hashlib).
            "MD5,     812f45842bc6d66ee14572ce20db8e86",
            "SHA-1,   aaff4a450a104cd177d28d18d74485e8cae074b7",
            "SHA-256, b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3",
            "SHA-384, d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562",
            "SHA-512, 6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4",
        })
        void hashesToLowerCaseHex(String algorithm, String expected) {
            assertEquals(expected, eval("States.Hash('input data', '" + algorithm + "')").textValue());
        }

        @Test
        void hashesTheRecordedSha256() {
            // Recorded by AWS (Assign with States.Hash($.inputString, 'SHA-256')).
            assertEquals("1cac63f39fd68d8c531f27b807610fb3d50f0fc3f186995767fb6316e7200a3e",
                    eval("States.Hash('Hash this string', 'SHA-256')").textValue());
        }

        @Test
        void acceptsOnlyTheFiveAlgorithmsAsAwsSpellsThem() {
            AslError error = assertFails("States.Hash('x', 'SHA256')", "{}", FAILURE);
            assertTrue(error.cause().contains("MD5, SHA-1, SHA-256, SHA-384, SHA-512"), error.cause());
            assertFails("States.Hash('x', 'sha-256')", "{}", FAILURE);
            assertFails("States.Hash('x', 'SHA-224')", "{}", FAILURE);
        }

        @Test
        void limitsTheInputToTenThousandCharacters() {
            assertEquals(64, eval("States.Hash($.s, 'SHA-256')", "{\"s\": \"" + "a".repeat(10_000) + "\"}")
                    .textValue().length());
            assertFails("States.Hash($.s, 'SHA-256')", "{\"s\": \"" + "a".repeat(10_001) + "\"}", FAILURE);
        }
    }

    @Nested
    class JsonMerge {

        @Test
        void mergesShallowlyTheSecondWinning() {
            String input = """
                    {"json1": {"a": {"a1": 1, "a2": 2}, "b": 2, "d": 3},
                     "json2": {"a": {"a3": 1, "a4": 2}, "c": 3, "d": 4}}
                    """;
            assertJson("{\"a\": {\"a3\": 1, \"a4\": 2}, \"b\": 2, \"c\": 3, \"d\": 4}",
                    eval("States.JsonMerge($.json1, $.json2, false)", input));
        }

        @Test
        void doesNotChangeItsArguments() {
            JsonNode input = IntrinsicTestSupport.json("{\"x\": {\"a\": 1}, \"y\": {\"b\": 2}}");
            IntrinsicFunctions.evaluate("States.JsonMerge($.x, $.y, false)", input, Bindings.of(IntrinsicTestSupport.json("{}")));
            assertJson("{\"x\": {\"a\": 1}, \"y\": {\"b\": 2}}", input);
        }

        @Test
        void rejectsDeepMerging() {
            AslError error = assertFails("States.JsonMerge($.x, $.y, true)", "{\"x\": {}, \"y\": {}}", FAILURE);
            assertTrue(error.cause().contains("shallow"), error.cause());
        }

        @Test
        void failsOnNonObjectsOrANonBooleanFlag() {
            assertFails("States.JsonMerge($.x, $.y, false)", "{\"x\": [], \"y\": {}}", FAILURE);
            assertFails("States.JsonMerge($.x, $.y, false)", "{\"x\": {}, \"y\": 1}", FAILURE);
            assertFails("States.JsonMerge($.x, $.y, 'false')", "{\"x\": {}, \"y\": {}}", FAILURE);
        }
    }

    @Nested
    class MathAdd {

        @ParameterizedTest
        @CsvSource({
            // recorded by AWS: halves round toward positive infinity, each argument separately
            "-9, 3, -6", "1.5, 1.51, 4", "-1.49, -1.5, -2", "-1.5, -1.51, -3", "1.49, 0, 1", "1.49, -1.49, 0",
            "1.5, 0, 2", "1.51, 0, 2", "-1.49, 0, -1", "-1.5, 0, -1", "-1.51, 0, -2", "0.5, 0, 1", "2.5, 0, 3",
            "-0.5, 0, 0", "-2.5, 0, -2", "-3.5, 0, -3", "111, -1, 110",
        })
        void addsRoundedIntegers(String a, String b, long expected) {
            JsonNode sum = eval("States.MathAdd($.a, $.b)", "{\"a\": " + a + ", \"b\": " + b + "}");
            assertTrue(sum.isIntegralNumber(), () -> "integral result expected, was " + sum);
            assertEquals(expected, sum.longValue());
        }

        @Test
        void acceptsTheWholeIntRange() {
            assertJson("4294967294", eval("States.MathAdd(2147483647, 2147483647)"));
            assertJson("-4294967296", eval("States.MathAdd(-2147483648, -2147483648)"));
        }

        @Test
        void failsOutsideTheIntRangeOrOnNonNumbers() {
            AslError error = assertFails("States.MathAdd(2147483648, 1)", "{}", FAILURE);
            assertTrue(error.cause().contains("2147483647"), error.cause());
            assertFails("States.MathAdd(-2147483649, 1)", "{}", FAILURE);
            assertFails("States.MathAdd('1', 1)", "{}", FAILURE);
            assertFails("States.MathAdd($.n, 1)", "{\"n\": null}", FAILURE);
        }
    }

    @Nested
    class MathRandom {

        @ParameterizedTest
        @CsvSource({"12.5, 44.51, 13, 45", "9999, 99999, 9999, 99999", "-99999, -9999, -99999, -9999", "0, 1, 0, 1"})
        void staysBetweenStartInclusiveAndEndExclusive(String start, String end, long low, long highExclusive) {
            for (int i = 0; i < 200; i++) {
                JsonNode n = eval("States.MathRandom($.s, $.e)", "{\"s\": " + start + ", \"e\": " + end + "}");
                assertTrue(n.isIntegralNumber() && n.longValue() >= low && n.longValue() < highExclusive,
                        () -> n + " outside [" + low + ", " + highExclusive + ")");
            }
        }

        @Test
        void sameSeedGivesTheSameNumber() {
            JsonNode first = eval("States.MathRandom(0, 999, 3)");
            for (int i = 0; i < 5; i++) {
                assertEquals(first, eval("States.MathRandom(0, 999, 3)"));
            }
            Set<Long> seen = new HashSet<>();
            for (int seed = 0; seed < 20; seed++) {
                seen.add(eval("States.MathRandom(0, 1000000, " + seed + ")").longValue());
            }
            assertTrue(seen.size() > 1, "different seeds should give different numbers");
        }

        @Test
        void failsOnAnEmptyRangeOrNonNumbers() {
            assertFails("States.MathRandom(5, 5)", "{}", FAILURE);
            assertFails("States.MathRandom(9, 1)", "{}", FAILURE);
            assertFails("States.MathRandom('1', 9)", "{}", FAILURE);
            assertFails("States.MathRandom(1, 9, 'seed')", "{}", FAILURE);
        }
    }

    @Nested
    class StringSplit {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "1,2,3,4,5             | ,    | [\"1\",\"2\",\"3\",\"4\",\"5\"]",
            "This.is+a,test=string | .+,= | [\"This\",\"is\",\"a\",\"test\",\"string\"]",
            "',,,,'                | ,    | []",
            "' , '                 | ,    | [\" \",\" \"]",
            "' '                   | ,    | [\" \"]",
            "''                    | ,    | []",
        })
        void splitsOnEachDelimiterCharacterAndDropsEmptyPieces(String input, String delimiters, String expected) {
            assertJson(expected, eval("States.StringSplit($.s, $.d)",
                    "{\"s\": \"" + input + "\", \"d\": \"" + delimiters + "\"}"));
        }

        @Test
        void splitsOnControlCharacters() {
            assertJson("[\"split on \", \" and \", \"new line\"]", eval("States.StringSplit($.s, $.d)",
                    "{\"s\": \"split on T and \\nnew line\", \"d\": \"T\\n\"}"));
            assertJson("[\"Hello\", \"World\"]", eval("States.StringSplit('Hello\nWorld', '\n')"));
        }

        @Test
        void failsOnNonStrings() {
            assertFails("States.StringSplit($.s, ',')", "{\"s\": [1]}", FAILURE);
            assertFails("States.StringSplit('a,b', 1)", "{}", FAILURE);
        }
    }

    @Nested
    class Uuid {

        @Test
        void returnsAFreshVersion4Uuid() {
            String first = eval("States.UUID()").textValue();
            String second = eval("States.UUID()").textValue();
            assertTrue(first.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), first);
            assertNotEquals(first, second);
        }
    }

    @Nested
    class NestedCalls {

        @Test
        void evaluatesInnerCallsFirst() {
            String input = "{\"ImageRecipe\": {\"Arn\": \"arn:aws:imagebuilder:r:1:image-recipe/my-recipe.v1/1.0.0\"}}";
            assertEquals("my-recipe.v1", eval("States.Format('{}.{}', States.ArrayGetItem(States.StringSplit("
                    + "States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 1), '.'), 0), "
                    + "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit("
                    + "$.ImageRecipe.Arn, '/'), 1), '.'), 1))", input).textValue());
            assertJson("\"c\"", eval("States.ArrayGetItem(States.StringSplit('a-b-c', '-'), "
                    + "States.MathAdd(States.ArrayLength(States.StringSplit('a-b-c', '-')), -1))"));
        }

        @Test
        void mergesWithAParsedLiteral() {
            // Recorded by AWS (test_json_merge_escaped_argument).
            assertJson("{\"constant_in_literal\": \"false\", \"constant_input_field\": \"constant_value\"}",
                    eval("States.JsonMerge(States.StringToJson('{\"constant_in_literal\": \"false\"}'), "
                            + "$.f, false)", "{\"f\": {\"constant_input_field\": \"constant_value\"}}"));
        }
    }
}
