package io.github.camelasl.dataflow.jsonata;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as JavaScript prints them. AWS runs JSONata 2.0.6, a JavaScript library, so {@code $string(1e20)} is
 * {@code "100000000000000000000"} and {@code $string(1/3)} is {@code "0.333333333333333"} (15 significant digits).
 */
final class JsNumbers {

    private static final MathContext FIFTEEN_DIGITS = new MathContext(15, RoundingMode.HALF_UP);

    private JsNumbers() {
    }

    /** JavaScript's Number.prototype.toString() for a finite double: shortest round-trip digits, JS notation. */
    static String toJsString(double value) {
        if (value == 0) {
            return "0";
        }
        return format(shortest(value));
    }

    /**
     * What JSONata's $string does to a number before printing it: {@code Number(x.toPrecision(15))}, then printed;
     * "null" when the rounding overflows to Infinity (JSON.stringify's text for it). The 15 digits are the shortest
     * form except for subnormals, which carry fewer significant digits (5e-324, not 4.94065645841247e-324).
     */
    static String toPrecision15(double value) {
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(FIFTEEN_DIGITS).stripTrailingZeros();
        double reread = rounded.doubleValue();
        if (Double.isInfinite(reread)) {
            return "null";
        }
        BigDecimal shortest = shortest(reread);
        return format(shortest.precision() < rounded.precision() ? shortest : rounded);
    }

    /**
     * Shortest decimal that reads back as the same double. Double.toString before Java 19 sometimes gives one digit
     * more than needed (4.9E-324 for 5e-324), so one digit fewer is tried too.
     */
    private static BigDecimal shortest(double value) {
        BigDecimal candidate = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        int digits = candidate.precision();
        if (digits > 1) {
            BigDecimal shorter = new BigDecimal(value).round(new MathContext(digits - 1, RoundingMode.HALF_EVEN));
            if (shorter.doubleValue() == value) {
                return shorter.stripTrailingZeros();
            }
        }
        return candidate;
    }

    /**
     * ECMAScript Number::toString for digits d1..dk and exponent n (value = 0.d1..dk * 10^n): plain notation for
     * 1e-7 <= |x| < 1e21, otherwise d[.ddd]e+n / e-n.
     */
    private static String format(BigDecimal decimal) {
        String sign = decimal.signum() < 0 ? "-" : "";
        String digits = decimal.unscaledValue().abs().toString();
        int k = digits.length();
        int n = k - decimal.scale();
        StringBuilder out = new StringBuilder(sign);
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int exponent = n - 1;
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(exponent < 0 ? "-" : "+").append(Math.abs(exponent));
        }
        return out.toString();
    }
}
