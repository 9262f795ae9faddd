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
     * What JSONata's $string does to a number before printing it: {@code Number(x.toPrecision(15))}, then printed.
     * A decimal of at most 15 digits maps to exactly one double, so those digits are already the shortest form.
     */
    static String toPrecision15(double value) {
        if (value == 0) {
            return "0";
        }
        return format(new BigDecimal(value).round(FIFTEEN_DIGITS).stripTrailingZeros());
    }

    /** Shortest decimal that reads back as the same double (Double.toString is close; strip its padding). */
    private static BigDecimal shortest(double value) {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros();
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
