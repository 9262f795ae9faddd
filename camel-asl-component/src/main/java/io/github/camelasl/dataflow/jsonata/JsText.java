package io.github.camelasl.dataflow.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Parser;
import com.dashjoin.jsonata.Utils;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * JavaScript's JSON.stringify over the library's values: the text JSONata 2.0.6's $string produces and its error
 * messages quote. Differences from Jackson's output that matter here: numbers print as JavaScript prints them, the
 * indented form puts a space after the colon, and functions print as "" (in $string) since JSON cannot hold them.
 */
final class JsText {

    private JsText() {
    }

    /**
     * JSON.stringify(value) with JSONata's $string replacer: numbers rounded to 15 significant digits, functions
     * as "". {@code pretty} indents by 2 as $string(value, true) does.
     */
    static String stringify(Object value, boolean pretty) {
        StringBuilder out = new StringBuilder();
        write(value, pretty ? 2 : 0, 0, true, out);
        return out.toString();
    }

    /** JSON.stringify(value) as JSONata's error messages use it: plain JavaScript numbers, undefined as "undefined". */
    static String quote(Object value) {
        if (value == null) {
            return "undefined";
        }
        StringBuilder out = new StringBuilder();
        write(value, 0, 0, false, out);
        return out.toString();
    }

    private static void write(Object value, int indent, int depth, boolean fifteenDigits, StringBuilder out) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            out.append("null");
        } else if (value instanceof CharSequence || value instanceof Character) {
            appendString(value.toString(), out);
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Number number) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                out.append("null");
            } else if ((number instanceof Integer || number instanceof Long)
                    && Math.abs(number.longValue()) < (fifteenDigits ? 1_000_000_000_000_000L : 1L << 53)) {
                out.append(number.longValue()); // fast path: these print digit for digit
            } else {
                out.append(fifteenDigits ? JsNumbers.toPrecision15(d) : JsNumbers.toJsString(d));
            }
        } else if (value instanceof Map<?, ?> map) {
            writeObject(map, indent, depth, fifteenDigits, out);
        } else if (value instanceof List<?> list) {
            writeArray(list, indent, depth, fifteenDigits, out);
        } else if (Utils.isFunction(value) || isLambda(value)) {
            appendString("", out);
        } else {
            appendString(String.valueOf(value), out);
        }
    }

    /** A function written in the expression (the library's lambda node) or a regular expression literal. */
    private static boolean isLambda(Object value) {
        return value instanceof Parser.Symbol || value instanceof Pattern;
    }

    private static void writeObject(Map<?, ?> map, int indent, int depth, boolean fifteenDigits, StringBuilder out) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            newline(indent, depth + 1, out);
            appendString(String.valueOf(entry.getKey()), out);
            out.append(indent > 0 ? ": " : ":");
            write(entry.getValue(), indent, depth + 1, fifteenDigits, out);
        }
        newline(indent, depth, out);
        out.append('}');
    }

    private static void writeArray(List<?> list, int indent, int depth, boolean fifteenDigits, StringBuilder out) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            newline(indent, depth + 1, out);
            write(list.get(i), indent, depth + 1, fifteenDigits, out);
        }
        newline(indent, depth, out);
        out.append(']');
    }

    private static void newline(int indent, int depth, StringBuilder out) {
        if (indent > 0) {
            out.append('\n').append(" ".repeat(indent * depth));
        }
    }

    /** A JSON string literal, escaped as JSON.stringify escapes: quotes, backslash, control characters, lone surrogates. */
    static void appendString(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean loneSurrogate = Character.isHighSurrogate(c)
                            ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))
                            : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
                    if (c < 0x20 || loneSurrogate) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
