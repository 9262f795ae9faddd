package io.github.camelasl.dataflow;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;

/** The one Jackson mapper the engine uses, and small helpers around it. */
public final class Json {

    /**
     * Big decimals keep numbers exact (AWS compares 1 and 1.0 as equal, but never rounds). Jackson's default
     * limits (20M-char strings, nesting 1000) are the engine's too: beyond them parsing fails with Jackson's
     * message, which names the limit and the place. Payloads are otherwise unbounded.
     *
     * <p>Jackson's buffers stay in its default per-thread pool: a shared pool (a concurrent deque) took W6 at two
     * threads from 1.8 to 1.2-1.5 times one thread's throughput, for no gain at one thread.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .nodeFactory(new SmallObjects(false)) // Jackson's default factory, but for objects' first size
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

        SmallObjects(boolean bigDecimalExact) {
            super(bigDecimalExact);
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

    /** Trees larger than this (as text) are not kept by {@link #writeHandedOn}: a pooled thread would hold them. */
    private static final int HANDED_ON_MAX_CHARS = 64 * 1024;
    private static final ThreadLocal<Object[]> LAST_HANDED_ON = ThreadLocal.withInitial(() -> new Object[2]);

    /**
     * {@link #write}, for trees the engine has handed on (which never change after): the same tree is written
     * several times in a row (a state's output is its StateExited payload, the next state's checkpoint input and
     * StateEntered payload), so the last one written on this thread is kept with its text.
     */
    public static String writeHandedOn(JsonNode node) {
        Object[] last = LAST_HANDED_ON.get();
        if (last[0] == node) {
            return (String) last[1];
        }
        String text = write(node);
        if (text.length() <= HANDED_ON_MAX_CHARS) {
            last[0] = node;
            last[1] = text;
        }
        return text;
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
