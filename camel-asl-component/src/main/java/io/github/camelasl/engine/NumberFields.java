package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The one reading of a number that a field takes from data: what a {@code *Path} selects (in the input or a
 * variable), what a JSONata expression gives, or the definition's literal, for MaxConcurrency,
 * ToleratedFailureCount/Percentage, MaxItems, MaxItemsPerBatch, MaxInputBytesPerBatch, TimeoutSeconds,
 * HeartbeatSeconds and Wait's Seconds. From a path AWS takes a JSON number or text that spells one: a variable
 * assigned {@code "1"} serves as MaxConcurrencyPath (conformance cases
 * {@code test_reference_in_map_state[MAP_STATE_REFERENCE_IN_MAX_CONCURRENCY_PATH]} and
 * {@code test_reference_in_map_state_max_items_path[MAP_STATE_REFERENCE_IN_MAX_PER_BATCH_PATH]}), and refuses a
 * fraction where it needs a whole number ({@code test_base_wait_seconds_path[1.5]}). Each field applies its own
 * range and error to what this gives.
 *
 * <p>A JSONata expression's result is typed strictly: only a JSON number serves ({@link #jsonataWholeNumber}),
 * as AWS refuses a JSONata Items that gives text ("Expected 'array', but was 'string'", conformance case
 * {@code test_map_state_items_eval_jsonata_fail[string]}) and documents Wait's Seconds as "a JSONata expression
 * which must evaluate to an integer" (https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html).
 */
final class NumberFields {

    /** Text that spells a plain decimal; bounded, so no text makes parsing it costly. */
    private static final Pattern DECIMAL_TEXT = Pattern.compile("-?[0-9]{1,40}(\\.[0-9]{1,40})?");

    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);

    private NumberFields() {
    }

    /** A whole number within a long ({@code 2}, {@code 2.0}, {@code "2"}); null for anything else. */
    static Long wholeNumber(JsonNode value) {
        BigDecimal number = decimal(value);
        if (number == null || number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
            return null;
        }
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            return null; // past a long
        }
    }

    /** A JSONata result that is a whole number within a long ({@code 2}, {@code 2.0}); null for text or anything else. */
    static Long jsonataWholeNumber(JsonNode value) {
        return value != null && value.isNumber() ? wholeNumber(value) : null;
    }

    /** A JSONata result that is a number; null for text or anything else. */
    static Double jsonataNumber(JsonNode value) {
        return value != null && value.isNumber() ? number(value) : null;
    }

    /**
     * A definition's literal whole number (validation has checked it is an integer): its exact value, one past a
     * long held at the nearest end of a long (2^64 is a limit larger than anything), never wrapped as
     * {@code longValue()} would wrap 2^64 to 0 ("no limit") and 2^64-1 to -1.
     */
    static long literalWholeNumber(JsonNode literal) {
        BigDecimal number = literal.decimalValue();
        if (number.compareTo(LONG_MAX) >= 0) {
            return Long.MAX_VALUE;
        }
        return number.compareTo(LONG_MIN) <= 0 ? Long.MIN_VALUE : number.longValue();
    }

    /** A number ({@code 1.5}, {@code "1.5"}); null for anything else. */
    static Double number(JsonNode value) {
        BigDecimal number = decimal(value);
        return number == null ? null : number.doubleValue();
    }

    private static BigDecimal decimal(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return Double.isFinite(value.doubleValue()) ? value.decimalValue() : null;
        }
        if (value.isTextual() && DECIMAL_TEXT.matcher(value.textValue()).matches()) {
            return new BigDecimal(value.textValue());
        }
        return null;
    }
}
