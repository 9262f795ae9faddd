package io.github.camelasl.dataflow;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.lang.ref.WeakReference;
import java.util.LinkedHashMap;

/** The one Jackson mapper the engine uses, and small helpers around it. */
public final class Json {

    /**
     * The deepest JSON the engine reads or writes. Jackson's tree code (deepCopy, equals, hashCode) recurses per
     * level: on a 512 KiB thread stack it overflowed at 2,000 levels (Jackson 2.19, JDK 17), so the engine keeps
     * Jackson's default of 1,000 for its parsers and writers alike: what it writes to a store it can read back.
     */
    public static final int MAX_NESTING_DEPTH = 1000;

    /**
     * Big decimals keep numbers exact, and as written: a number that passes through comes out with the text it came
     * in with ({@code 60.0}, {@code 0.0}, {@code 1e2}; see {@link NumberTextFactory}), and AWS compares 1 and 1.0 as
     * equal but never rounds. Jackson's limits
     * (20M-char strings, nesting {@value #MAX_NESTING_DEPTH} to read and to write) bound every parse and write:
     * beyond them Jackson fails with a message naming the limit and the place. The per-state-machine limits on
     * payloads are ExecutionLimits'.
     *
     * <p>Jackson's buffers stay in its default per-thread pool: a shared pool (a concurrent deque) took W6 at two
     * threads from 1.8 to 1.2-1.5 times one thread's throughput, for no gain at one thread.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder(new NumberTextFactory(new JsonFactoryBuilder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH)
                            .build())))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            // exact: Jackson's inexact factory strips trailing zeros (60.0 would come out as 6E+1)
            .nodeFactory(new SmallObjects())
            .build();

    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /**
     * Parsed objects (inputs, Task replies) start with room for 4 fields instead of LinkedHashMap's 16, and grow as
     * they need: most payload objects are small, a 16-slot table costs 80 bytes to 4 slots' 32, and a parked
     * execution holds its input for as long as it waits (W8: 48 bytes of its 997). Objects the engine builds keep
     * Jackson's size: they are short-lived, and it sizes the ones it builds field by field (payload templates).
     */
    private static final class SmallObjects extends JsonNodeFactory {
        private static final long serialVersionUID = 1L;

        SmallObjects() {
            super(true);
        }

        @Override
        public ObjectNode objectNode() {
            return new ObjectNode(this, new LinkedHashMap<>(4));
        }
    }

    private Json() {
    }

    // a reader and a writer bound to JsonNode: the mapper's readTree/writeValueAsString resolve the type on
    // every call, about 5 % of a Task-heavy benchmark's time (W6)
    private static final ObjectReader TREE_READER = MAPPER.readerFor(JsonNode.class);
    private static final ObjectWriter TREE_WRITER = MAPPER.writerFor(JsonNode.class);

    /**
     * Parses JSON text; the exception message names line and column. A number whose exponent a BigDecimal cannot hold
     * ({@code 1e99999999999}) fails as malformed JSON too: Jackson 2.19 throws NumberFormatException for it.
     */
    public static JsonNode parse(String text) throws JsonProcessingException {
        try {
            return TREE_READER.readTree(text);
        } catch (NumberFormatException e) {
            throw new JsonParseException(null, e.getMessage(), e);
        }
    }

    /**
     * Trees larger than this (as text) are kept by {@link #writeHandedOn} only weakly, tree and text alike: a pooled
     * thread would otherwise hold them, but the next write of the tree (the durable store's checkpoint, right after
     * the state's output was measured) still finds its text.
     */
    private static final int HANDED_ON_MAX_CHARS = 64 * 1024;
    private static final ThreadLocal<Object[]> LAST_HANDED_ON = ThreadLocal.withInitial(() -> new Object[2]);

    /**
     * {@link #write}, for trees the engine has handed on (which never change after): the same tree is written
     * several times in a row (a state's output is measured against the limits, then is its StateExited payload,
     * the next state's checkpoint input and StateEntered payload), so the last one written on this thread is kept
     * with its text.
     */
    public static String writeHandedOn(JsonNode node) {
        String known = lastText(node);
        if (known != null) {
            return known;
        }
        String text = write(node);
        remember(node, text);
        return text;
    }

    /** The text kept for {@code node} on this thread, or null. */
    private static String lastText(JsonNode node) {
        Object[] last = LAST_HANDED_ON.get();
        Object kept = last[0] instanceof WeakReference<?> weak ? weak.get() : last[0];
        if (kept != node) {
            return null;
        }
        return (String) (last[1] instanceof WeakReference<?> weak ? weak.get() : last[1]);
    }

    private static void remember(JsonNode node, String text) {
        Object[] last = LAST_HANDED_ON.get();
        boolean small = text.length() <= HANDED_ON_MAX_CHARS;
        last[0] = small ? node : new WeakReference<>(node);
        last[1] = small ? text : new WeakReference<>(text);
    }

    /**
     * The compact JSON text of {@code node} if it has at most {@code maxChars} characters, else null: writing stops
     * soon after the limit, so a tree whose text would not fit in memory (shared subtrees repeat in it) is never
     * written whole. The text is kept as {@link #writeHandedOn} keeps it, for the next write of the same tree.
     *
     * @throws IllegalStateException when the tree nests deeper than {@value #MAX_NESTING_DEPTH}
     */
    public static String writeWithin(JsonNode node, int maxChars) {
        String known = lastText(node);
        if (known != null) {
            return known.length() <= maxChars ? known : null;
        }
        BoundedWriter out = new BoundedWriter(maxChars);
        try {
            TREE_WRITER.writeValue(out, node);
        } catch (IOException e) {
            if (out.overflowed) {
                return null;
            }
            throw new IllegalStateException("cannot serialise JSON tree: " + e.getMessage(), e);
        }
        String text = out.text.toString();
        remember(node, text);
        return text;
    }

    /** Collects what Jackson writes until it passes maxChars, then fails the write. */
    private static final class BoundedWriter extends Writer {
        private final StringBuilder text = new StringBuilder();
        private final int maxChars;
        private boolean overflowed;

        BoundedWriter(int maxChars) {
            this.maxChars = maxChars;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            if (text.length() + (long) length > maxChars) {
                overflowed = true;
                throw new IOException("more than " + maxChars + " characters");
            }
            text.append(chars, offset, length);
        }

        @Override
        public void write(String chars, int offset, int length) throws IOException {
            if (text.length() + (long) length > maxChars) {
                overflowed = true;
                throw new IOException("more than " + maxChars + " characters");
            }
            text.append(chars, offset, offset + length);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /**
     * A decimal node written as {@code text} ({@code 1e-7}), where its BigDecimal would write another spelling
     * ({@code 1E-7}): for numbers computed by a language that writes them its own way (JSONata's JavaScript).
     *
     * @throws NumberFormatException when {@code text} is not a number
     */
    public static JsonNode decimalWrittenAs(String text) {
        return NODES.numberNode(new NumberTextFactory.WrittenDecimal(new java.math.BigDecimal(text), text));
    }

    /** Compact JSON text, as AWS prints outputs. */
    public static String write(JsonNode node) {
        try {
            return TREE_WRITER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON tree", e);
        }
    }
}
