package io.github.camelasl.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/** Math functions: States.MathAdd and States.MathRandom. */
final class MathFunctions {

    private static final BigDecimal HALF = new BigDecimal("0.5");

    private MathFunctions() {
    }

    /**
     * States.MathAdd(a, b): the sum of two integers. A non-integer is first rounded to the nearest integer, halves
     * toward positive infinity as Java's Math.round does (AWS recorded 1.5 → 2, -1.5 → -1, -2.5 → -2), and each
     * argument must then lie in the 32-bit integer range.
     */
    static JsonNode mathAdd(Args args) {
        long a = int32(args, 0, "the first number");
        long b = int32(args, 1, "the second number");
        return JsonValues.integerNode(a + b);
    }

    /**
     * States.MathRandom(start, end[, seed]): a random integer from start (inclusive) to end (exclusive). Start and
     * end are rounded like MathAdd's arguments; the same seed always gives the same number.
     */
    static JsonNode mathRandom(Args args) {
        long start = roundedLong(args, 0, "the start number");
        long end = roundedLong(args, 1, "the end number");
        if (start >= end) {
            throw args.fail("the start number " + start + " must be less than the end number " + end);
        }
        if (args.size() == 3) {
            long seed = roundedLong(args, 2, "the seed");
            return JsonValues.integerNode(new Random(seed).nextLong(start, end));
        }
        return JsonValues.integerNode(ThreadLocalRandom.current().nextLong(start, end));
    }

    private static long int32(Args args, int index, String role) {
        JsonNode value = args.get(index);
        if (value.isInt() || value.isShort()) {
            return value.intValue(); // already an int: nothing to round or check
        }
        BigDecimal rounded = round(args.number(index, role));
        if (rounded.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0
                || rounded.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw args.fail("argument " + (index + 1) + " (" + role + ") must be an integer between "
                    + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE + ", but was " + JsonValues.describe(args.get(index)));
        }
        return rounded.longValueExact();
    }

    private static long roundedLong(Args args, int index, String role) {
        try {
            return round(args.number(index, role)).longValueExact();
        } catch (ArithmeticException e) {
            throw args.fail("argument " + (index + 1) + " (" + role + ") is too large: "
                    + JsonValues.describe(args.get(index)));
        }
    }

    /**
     * Nearest integer, halves rounded up: floor(x + 0.5). Integers and fractions below 0.1 are decided from the
     * exponent alone: adding 0.5 to 1e100000000 or 1e-100000000 (15 bytes of input) would write out a hundred
     * million digits.
     */
    static BigDecimal round(BigDecimal value) {
        if (value.scale() <= 0) {
            return value; // an integer already
        }
        if ((long) value.precision() - value.scale() < 0) {
            return BigDecimal.ZERO; // |value| < 0.1
        }
        return value.add(HALF).setScale(0, RoundingMode.FLOOR);
    }
}
