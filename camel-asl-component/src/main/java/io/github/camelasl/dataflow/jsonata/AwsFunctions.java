package io.github.camelasl.dataflow.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.JFunction;
import com.dashjoin.jsonata.Utils;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.camelasl.dataflow.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The functions Step Functions adds to JSONata, and the one it takes away.
 *
 * <ul>
 *   <li>{@code $partition(array, size)}: chunks of {@code size} items, the last one holding the rest.</li>
 *   <li>{@code $range(start, end[, step])}: start, start+step, ... up to and including end. AWS returns it as a
 *       JSONata sequence: a single item comes back as the item itself (recorded: $range(1, 9, 9) is 1).</li>
 *   <li>{@code $hash(string, algorithm)}: lower-case hex digest; MD5, SHA-1, SHA-256, SHA-384 or SHA-512.</li>
 *   <li>{@code $random([seed])}: a number in [0, 1); with a seed, always the same number for the same seed.</li>
 *   <li>{@code $uuid()}: a random version 4 UUID.</li>
 *   <li>{@code $parse(jsonString)}: the JSON value of the text.</li>
 *   <li>{@code $eval} is not available: calling it fails as calling any undefined function does (T1006).</li>
 * </ul>
 * The functions are stateless, so one instance of each serves every evaluation on every thread. The ASL intrinsic
 * functions' implementations (package {@code dataflow.intrinsic}) are package-private and raise
 * States.IntrinsicFailure, so these are written against JSONata's values instead.
 */
final class AwsFunctions {

    static final List<String> HASH_ALGORITHMS = List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    /** More items than this in one $range is surely a mistake; JSONata's own range operator stops at 1e6 too. */
    static final int MAX_RANGE_ITEMS = 1_000_000;

    private static final JFunction PARTITION = new JFunction((input, args) -> partition(args), "<an:a>");
    private static final JFunction RANGE = new JFunction((input, args) -> range(args), "<nnn?:a<n>>");
    private static final JFunction HASH = new JFunction((input, args) -> hash(args), "<ss:s>");
    private static final JFunction RANDOM = new JFunction((input, args) -> random(args), "<(ns)?:n>");
    private static final JFunction UUID_V4 = new JFunction((input, args) -> UUID.randomUUID().toString(), "<:s>");
    private static final JFunction PARSE = new JFunction((input, args) -> parse(args), "<s-:x>");
    private static final JFunction NO_EVAL = new JFunction((input, args) -> {
        throw new JException("T1006", -1);
    }, null);

    private AwsFunctions() {
    }

    /** Adds the functions to a parsed expression's own environment, the parent of every evaluation's frame. */
    static void register(Jsonata expression) {
        expression.registerFunction("partition", PARTITION);
        expression.registerFunction("range", RANGE);
        expression.registerFunction("hash", HASH);
        expression.registerFunction("random", RANDOM);
        expression.registerFunction("uuid", UUID_V4);
        expression.registerFunction("parse", PARSE);
        expression.registerFunction("eval", NO_EVAL);
    }

    private static Object partition(List<?> args) {
        List<?> array = (List<?>) args.get(0);
        if (array == null) {
            return null;
        }
        long size = positiveInteger(args.get(1), "$partition", "size");
        List<Object> chunks = new ArrayList<>();
        for (int start = 0; start < array.size(); start += (int) Math.min(size, Integer.MAX_VALUE)) {
            int end = (int) Math.min(array.size(), start + size);
            chunks.add(new ArrayList<>(array.subList(start, end)));
        }
        return chunks;
    }

    private static Object range(List<?> args) {
        if (args.get(0) == null || args.get(1) == null) {
            return null;
        }
        long start = integer(args.get(0), "$range", "start");
        long end = integer(args.get(1), "$range", "end");
        long step = args.size() > 2 && args.get(2) != null ? integer(args.get(2), "$range", "step") : 1;
        if (step == 0) {
            throw new FunctionError("The step of $range must not be 0");
        }
        long count = (end - start) * Long.signum(step) < 0 ? 0 : (end - start) / step + 1;
        if (count > MAX_RANGE_ITEMS) {
            throw new FunctionError("The size of the sequence allocated by $range must not exceed 1e6.  Attempted to allocate "
                    + count + ".");
        }
        if (count == 0) {
            return new ArrayList<>();
        }
        // a sequence, so that JSONata collapses a single item to the item as AWS does
        List<Object> out = Utils.createSequence();
        for (long i = 0; i < count; i++) {
            out.add(JsonataValues.normalise(start + i * step));
        }
        return out;
    }

    private static Object hash(List<?> args) {
        String text = (String) args.get(0);
        String algorithm = (String) args.get(1);
        if (text == null || algorithm == null) {
            return null;
        }
        if (!HASH_ALGORITHMS.contains(algorithm)) {
            throw new FunctionError("The hash algorithm '" + algorithm + "' of $hash is not supported; use one of "
                    + String.join(", ", HASH_ALGORITHMS));
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides " + algorithm, e);
        }
    }

    private static Object random(List<?> args) {
        Object seed = args.isEmpty() ? null : args.get(0);
        if (seed == null || seed == Jsonata.NULL_VALUE) {
            return ThreadLocalRandom.current().nextDouble();
        }
        long bits = seed instanceof Number number
                ? (number.doubleValue() == Math.rint(number.doubleValue())
                        ? number.longValue()
                        : Double.doubleToLongBits(number.doubleValue()))
                : seed.toString().hashCode();
        return new Random(bits).nextDouble();
    }

    private static Object parse(List<?> args) {
        Object text = args.get(0);
        if (text == null) {
            return null;
        }
        try {
            return JsonataValues.toJsonata(Json.parse((String) text));
        } catch (JsonProcessingException e) {
            throw new FunctionError("The argument of $parse is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static long positiveInteger(Object value, String function, String role) {
        long number = integer(value, function, role);
        if (number <= 0) {
            throw new FunctionError("The " + role + " argument of " + function + " must be a positive integer, but was "
                    + JsText.quote(value));
        }
        return number;
    }

    private static long integer(Object value, String function, String role) {
        double number = ((Number) value).doubleValue();
        if (number != Math.rint(number) || Math.abs(number) > 0x1p53) {
            throw new FunctionError("The " + role + " argument of " + function + " must be an integer, but was "
                    + JsText.quote(value));
        }
        return (long) number;
    }
}
