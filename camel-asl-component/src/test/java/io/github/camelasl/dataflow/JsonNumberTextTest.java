package io.github.camelasl.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A number read by the engine is written back with the text it was read with. AWS keeps number text: corpus case
 * {@code services_test_lambda_task.TestTaskLambda.test_invoke_json_values[0.0]} records the input {@code 0.0} as
 * {@code 0.0} in ExecutionStarted, TaskStateEntered, TaskStateExited and ExecutionSucceeded.
 */
class JsonNumberTextTest {

    /** Decimals, exponents, negative zero, tiny and huge values, long integers and many digits (an integer -0 is 0). */
    private static final String NUMBERS = "[60.0,0.0,1.10,1e2,1E2,1.5E+3,2e-3,-0.0,-1.5,0.000001,0.0000001,0.00000000,"
            + "0.0012300000,1e99999999,"
            + "12345678901234567890123,3.14159265358979323846264338327950288,-12.500,100e-2]";

    @ParameterizedTest
    @ValueSource(strings = {NUMBERS, "60.0", "0.0", "1e2", "{\"a\":{\"b\":[1.0,{\"c\":-0.0}]}}"})
    void numbersAreWrittenAsTheyWereRead(String text) throws Exception {
        assertEquals(text, Json.write(Json.parse(text)));
        assertEquals(text, Json.write(Json.parse(Json.write(Json.parse(text)))), "read back, as a store does");
    }

    @ParameterizedTest
    @ValueSource(strings = {NUMBERS, "{\"a\":60.0,\"b\":1e2}"})
    void everyReaderKeepsTheText(String text) throws Exception {
        // Task replies come as bytes or streams, CLI input from files: Jackson makes a parser per kind of source
        assertEquals(text, Json.write(Json.MAPPER.readTree(text.getBytes(StandardCharsets.UTF_8))));
        assertEquals(text, Json.write(Json.MAPPER.readTree(new ByteArrayInputStream(
                text.getBytes(StandardCharsets.UTF_8)))));
        assertEquals(text, Json.write(Json.MAPPER.readTree(new StringReader(text))));
        // a long text goes through Jackson's Reader-based parser rather than its char[] one
        String padded = text + " ".repeat(40_000);
        assertEquals(text, Json.write(Json.parse(padded)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e2 100", "1.0 1", "-0.0 0", "0.0000001 1E-7", "1.10 1.1", "1.10 1.100"})
    void numbersKeepTheirValue(String pair) throws Exception {
        String[] texts = pair.split(" ");
        assertEquals(0, Json.parse(texts[0]).decimalValue().compareTo(Json.parse(texts[1]).decimalValue()), pair);
        if (Json.parse(texts[0]).isBigDecimal() && Json.parse(texts[1]).isBigDecimal()) {
            // Jackson compares decimal nodes by value, and hashes them so
            assertEquals(Json.parse(texts[0]), Json.parse(texts[1]));
            assertEquals(Json.parse(texts[0]).hashCode(), Json.parse(texts[1]).hashCode());
        }
    }

    @Test
    void aNumberComputedFromOneReadIsWrittenAsComputed() throws Exception {
        BigDecimal read = Json.parse("1e2").decimalValue();
        assertEquals("101", Json.write(Json.NODES.numberNode(read.add(BigDecimal.ONE))));
        assertEquals("1E+2", read.stripTrailingZeros().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"60.0", "0.0", "-1.5", "0.000001", "0.0012300000", "3.14159265358979323846264338327950288"})
    void aDecimalThatWritesItsOwnTextKeepsNothingBesideIt(String text) throws Exception {
        assertEquals(BigDecimal.class, Json.parse(text).decimalValue().getClass());
    }

    @Test
    void aNumberKeptAsWrittenIsMeasuredAsWritten() throws Exception {
        // its value is 1E-201, six characters; its text is 203
        String text = "0." + "0".repeat(200) + "1";
        assertTrue(PayloadSize.measure(Json.parse(text), 100, 10).bytes() > 100);
        assertEquals(text.length(), PayloadSize.measure(Json.parse(text), 1000, 10).bytes());
    }
}
