package io.github.camelasl.dataflow.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.Frame;
import com.dashjoin.jsonata.Jsonata.JFunction;
import com.dashjoin.jsonata.Parser;
import com.dashjoin.jsonata.Utils;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Built-in functions where jsonata-java 0.9.10 behaves differently from JSONata 2.0.6 (the JavaScript version AWS
 * runs), replaced by faithful versions:
 *
 * <ul>
 *   <li>{@code $string}: numbers as JavaScript prints them after rounding to 15 digits (the library prints 1e20 as
 *       "1e+20" and big integers unrounded); the indented form as JSON.stringify(x, null, 2).</li>
 *   <li>{@code $number}: only JSON number syntax and 0x/0o/0b integers (the library accepts " 5 ", "5.", ".5" and
 *       crashes with a Java exception on "abc" instead of D3030).</li>
 *   <li>{@code $substring}: counts characters as code points like $length (the library counts UTF-16 units and
 *       throws IndexOutOfBounds on "😀a").</li>
 *   <li>{@code $encodeUrl}, {@code $encodeUrlComponent}, {@code $decodeUrl}, {@code $decodeUrlComponent}: the
 *       JavaScript functions (the library uses form encoding: a space becomes "+", not "%20").</li>
 *   <li>{@code $pad}: counts code points, and builds the padding in one pass after checking its width against
 *       {@link RuntimeBounds#MAX_STRING_LENGTH} (0.9.9 counted UTF-16 units and took 7 s to pad to 100,000
 *       characters; {@code $pad('x', 2e9)} never ended; 0.9.10 left $pad as it was).</li>
 *   <li>{@code $sort} without a comparator: numbers by value, strings by UTF-16 units, anything else D3070 (the
 *       library sorts by Java's natural order: [1, 2.5] fails casting 1 to a Double, [1, "a"] casting 1 to a
 *       String). With a comparator the library's $sort runs.</li>
 *   <li>{@code $assert}: fails with D3141 when the condition is undefined, as JavaScript's {@code !undefined} does
 *       (0.9.10 passes the message through, but fails with a Java exception on an undefined condition).</li>
 *   <li>{@code $now}, {@code $millis}: one timestamp per evaluation. The library reads a timestamp kept on whichever
 *       parsed expression the thread last created, which is stale for cached expressions.</li>
 * </ul>
 */
final class CompatFunctions {

    private static final Pattern JSON_NUMBER = Pattern.compile("^-?[0-9]+(\\.[0-9]+)?([Ee][-+]?[0-9]+)?$");
    /** JSONata 2.0.6's test, alternation precedence included: ^(hex)|(octal)|(binary)$. */
    private static final Pattern PREFIXED_INTEGER =
            Pattern.compile("^(0[xX][0-9A-Fa-f]+)|(0[oO][0-7]+)|(0[bB][0-1]+)$");
    private static final String URI_UNRESERVED =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()";
    private static final String URI_RESERVED = ";/?:@&=+$,#";
    /** JavaScript's Date.prototype.toISOString(): UTC, always three fraction digits. */
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final JFunction STRING = new JFunction((input, args) -> string(args), "<x-b?:s>");
    private static final JFunction NUMBER = new JFunction((input, args) -> number(args.get(0)), "<(nsb)-:n>");
    private static final JFunction ASSERT = new JFunction((input, args) -> assertion(args), "<bs?:x>");
    private static final JFunction SUBSTRING = new JFunction((input, args) -> substring(args), "<s-nn?:s>");
    private static final JFunction PAD = new JFunction((input, args) -> pad(args), "<s-ns?:s>");
    private static final JFunction SORT = new JFunction((input, args) -> sort(args), "<af?:a>");
    private static final JFunction ENCODE_URL = urlFunction("encodeUrl", true, false);
    private static final JFunction ENCODE_URL_COMPONENT = urlFunction("encodeUrlComponent", true, true);
    private static final JFunction DECODE_URL = urlFunction("decodeUrl", false, false);
    private static final JFunction DECODE_URL_COMPONENT = urlFunction("decodeUrlComponent", false, true);

    private CompatFunctions() {
    }

    /** Adds the stateless replacements to a parsed expression's own environment (shared by its evaluations). */
    static void register(Jsonata expression) {
        expression.registerFunction("string", STRING);
        expression.registerFunction("number", NUMBER);
        expression.registerFunction("substring", SUBSTRING);
        expression.registerFunction("pad", PAD);
        expression.registerFunction("sort", SORT);
        expression.registerFunction("assert", ASSERT);
        expression.registerFunction("encodeUrl", ENCODE_URL);
        expression.registerFunction("encodeUrlComponent", ENCODE_URL_COMPONENT);
        expression.registerFunction("decodeUrl", DECODE_URL);
        expression.registerFunction("decodeUrlComponent", DECODE_URL_COMPONENT);
    }

    /** Binds $now and $millis to one evaluation's timestamp, as JSONata fixes it when an evaluation starts. */
    static void bindClock(Frame frame, Instant now) {
        long millis = now.toEpochMilli();
        frame.bind("millis", new JFunction((input, args) -> millis, "<:n>"));
        frame.bind("now", new JFunction((input, args) -> now(millis, args), "<s?s?:s>"));
    }

    private static Object string(List<?> args) {
        Object value = args.get(0);
        if (value == null) {
            return null;
        }
        if (value instanceof String) {
            return value;
        }
        if (Utils.isFunction(value) || value instanceof Parser.Symbol || value instanceof Pattern) {
            return "";
        }
        if (value instanceof Number number && !Double.isFinite(number.doubleValue())) {
            throw new FunctionError(JsonataMessages.describe("D3001", null, null));
        }
        boolean pretty = args.size() > 1 && Boolean.TRUE.equals(args.get(1));
        return JsText.stringify(value, pretty);
    }

    static Object number(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number) {
            return value;
        }
        if (value instanceof Boolean bool) {
            return bool ? 1 : 0;
        }
        if (value instanceof String text) {
            if (JSON_NUMBER.matcher(text).matches()) {
                double parsed = Double.parseDouble(text);
                if (Double.isFinite(parsed)) {
                    return JsonataValues.normalise(parsed);
                }
            } else if (PREFIXED_INTEGER.matcher(text).find()) {
                Double parsed = prefixedInteger(text);
                if (parsed != null) {
                    return JsonataValues.normalise(parsed);
                }
            }
        }
        throw new FunctionError(JsonataMessages.describe("D3030", value == Jsonata.NULL_VALUE ? null : value, null));
    }

    /** JavaScript's Number("0x1F") for 0x/0o/0b text; null where JavaScript gives NaN. */
    private static Double prefixedInteger(String text) {
        if (text.length() < 3 || text.charAt(0) != '0') {
            return null;
        }
        int radix = switch (Character.toLowerCase(text.charAt(1))) {
            case 'x' -> 16;
            case 'o' -> 8;
            case 'b' -> 2;
            default -> 0;
        };
        try {
            return radix == 0 ? null : new BigInteger(text.substring(2), radix).doubleValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Object assertion(List<?> args) {
        if (!Boolean.TRUE.equals(args.get(0))) {
            Object message = args.size() > 1 ? args.get(1) : null;
            throw new FunctionError("D3141: " + (message == null ? "$assert() statement failed" : message));
        }
        return null;
    }

    /** JSONata 2.0.6's substring: code points, Array.prototype.slice's handling of negative and fractional bounds. */
    private static Object substring(List<?> args) {
        String text = (String) args.get(0);
        if (text == null) {
            return null;
        }
        int[] codePoints = text.codePoints().toArray();
        int length = codePoints.length;
        double start = ((Number) args.get(1)).doubleValue();
        if (length + start < 0) {
            start = 0;
        }
        double end = length;
        if (args.size() > 2 && args.get(2) != null) {
            double count = ((Number) args.get(2)).doubleValue();
            if (count <= 0) {
                return "";
            }
            end = start >= 0 ? start + count : length + start + count;
        }
        int from = sliceIndex(start, length);
        int to = sliceIndex(end, length);
        return from >= to ? "" : new String(codePoints, from, to - from);
    }

    /**
     * JSONata 2.0.6's $pad(string, width[, char]): to |width| code points, padding on the right when width is
     * positive, on the left when negative, with char (default a space) repeated and cut to fit.
     */
    private static Object pad(List<?> args) {
        String text = (String) args.get(0);
        if (text == null) {
            return null;
        }
        double width = ((Number) args.get(1)).doubleValue();
        width = width < 0 ? Math.ceil(width) : Math.floor(width); // Math.trunc
        String padWith = args.size() > 2 && args.get(2) instanceof String given && !given.isEmpty() ? given : " ";
        double padLength = Math.abs(width) - text.codePointCount(0, text.length());
        if (!(padLength > 0)) {
            return text;
        }
        RuntimeBounds.checkLength("$pad", "width", Math.abs(width));
        int[] padding = padWith.codePoints().toArray();
        StringBuilder out = new StringBuilder(text.length() + (int) padLength * (padWith.length() > 1 ? 2 : 1));
        if (width > 0) {
            out.append(text);
        }
        for (int i = 0; i < (int) padLength; i++) {
            out.appendCodePoint(padding[i % padding.length]);
        }
        if (width < 0) {
            out.append(text);
        }
        return out.toString();
    }

    /** JSONata 2.0.6's $sort(array[, comparator]): the single-argument form sorts numbers or strings with {@code >}. */
    private static Object sort(List<?> args) {
        List<?> array = (List<?>) args.get(0);
        Object comparator = args.size() > 1 ? args.get(1) : null;
        if (array == null || array.size() <= 1 || comparator != null) {
            return Functions.sort(array, comparator);
        }
        List<Object> sorted = new ArrayList<>(array);
        if (sorted.stream().allMatch(item -> item instanceof Number)) {
            sorted.sort(Comparator.comparingDouble(item -> ((Number) item).doubleValue()));
        } else if (sorted.stream().allMatch(item -> item instanceof String)) {
            sorted.sort(Comparator.comparing(item -> (String) item));
        } else {
            throw new FunctionError(JsonataMessages.describe("D3070", null, null));
        }
        return sorted;
    }

    /** Array.prototype.slice's bound: truncated toward zero, counted from the end when negative, clamped. */
    private static int sliceIndex(double bound, int length) {
        double truncated = bound < 0 ? Math.ceil(bound) : Math.floor(bound);
        double index = truncated < 0 ? Math.max(length + truncated, 0) : Math.min(truncated, length);
        return (int) index;
    }

    private static Object now(long millis, List<?> args) {
        String picture = args.isEmpty() ? null : (String) args.get(0);
        String timezone = args.size() > 1 ? (String) args.get(1) : null;
        if (picture == null && timezone == null) {
            return ISO_MILLIS.format(Instant.ofEpochMilli(millis));
        }
        return Functions.dateTimeFromMillis(millis, picture, timezone);
    }

    private static JFunction urlFunction(String name, boolean encode, boolean component) {
        return new JFunction((input, args) -> {
            String text = (String) args.get(0);
            if (text == null) {
                return null;
            }
            String result = encode ? encode(text, component) : decode(text, component);
            if (result == null) {
                throw new FunctionError(JsonataMessages.describe("D3140", name, text));
            }
            return result;
        }, "<s-:s>");
    }

    /** encodeURI / encodeURIComponent; null for a lone surrogate (JavaScript's URIError). */
    private static String encode(String text, boolean component) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (URI_UNRESERVED.indexOf(c) >= 0 || !component && URI_RESERVED.indexOf(c) >= 0) {
                out.append(c);
                continue;
            }
            int codePoint;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                codePoint = Character.toCodePoint(c, text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                return null;
            } else {
                codePoint = c;
            }
            for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /**
     * decodeURI / decodeURIComponent; null for a malformed escape or invalid UTF-8. decodeURI leaves escapes of the
     * reserved characters (";/?:@&=+$,#") as they are.
     */
    private static String decode(String text, boolean component) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int start = i;
            while (i < text.length() && text.charAt(i) == '%') {
                if (i + 2 >= text.length()) {
                    return null;
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 3;
                if ((bytes.toByteArray()[0] & 0x80) == 0) {
                    break; // one ASCII escape at a time, so reserved ones can be kept
                }
                if (complete(bytes.toByteArray())) {
                    break;
                }
            }
            String decoded = utf8(bytes.toByteArray());
            if (decoded == null) {
                return null;
            }
            if (!component && decoded.length() == 1 && URI_RESERVED.indexOf(decoded.charAt(0)) >= 0) {
                out.append(text, start, i);
            } else {
                out.append(decoded);
            }
        }
        return out.toString();
    }

    /** Whether the bytes hold one whole UTF-8 sequence, judged by its first byte. */
    private static boolean complete(byte[] bytes) {
        int first = bytes[0] & 0xFF;
        int length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1;
        return bytes.length >= length;
    }

    private static String utf8(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
