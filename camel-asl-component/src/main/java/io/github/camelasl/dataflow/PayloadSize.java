package io.github.camelasl.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * How big a JSON tree is as text (UTF-8 bytes) and how deep it nests, measured against limits. Every state's output
 * is measured, so small trees (the most common) are bounded by a walk of at most {@value #QUICK_NODES} nodes,
 * without writing them; others are written by Jackson, stopping soon after the limit, and their text scanned. The
 * text is kept for the next write of the same tree (a store's checkpoint, a history event), so on a durable store
 * measuring costs no extra write.
 *
 * @param bytes UTF-8 bytes of the compact text: exact, or an upper bound within the limit, or more than the limit
 *              when it is over
 * @param depth how deep it nests (a scalar 0, {@code []} 1): exact when within the limit, else more than it
 */
public record PayloadSize(long bytes, int depth) {

    private static final int QUICK_NODES = 64;

    /** Measures {@code value} against {@code maxBytes} and {@code maxDepth}. */
    public static PayloadSize measure(JsonNode value, int maxBytes, int maxDepth) {
        QuickWalk quick = new QuickWalk();
        if (quick.walk(value, 0) && quick.bytes <= maxBytes && quick.depth <= maxDepth) {
            return new PayloadSize(quick.bytes, quick.depth);
        }
        String text;
        try {
            // a UTF-8 byte is at most one char: a text longer than maxBytes chars is over the limit
            text = Json.writeWithin(value, maxBytes);
        } catch (IllegalStateException tooDeep) { // Jackson's writer refuses trees deeper than it reads
            return new PayloadSize(0, Json.MAX_NESTING_DEPTH + 1);
        }
        if (text == null) {
            return new PayloadSize(maxBytes + 1L, 0);
        }
        return scan(text);
    }

    /**
     * The exact UTF-8 length of {@code value}'s text when it is at most {@code maxBytes}, else more than
     * {@code maxBytes}: unlike {@link #measure}, never an upper bound, so such sizes can be added up. Finds the text
     * of the tree measured last on this thread without writing it again.
     */
    public static long exactBytes(JsonNode value, int maxBytes) {
        String text;
        try {
            text = Json.writeWithin(value, maxBytes);
        } catch (IllegalStateException tooDeep) {
            return maxBytes + 1L;
        }
        return text == null ? maxBytes + 1L : scan(text).bytes();
    }

    /** The UTF-8 length and nesting depth of compact JSON text. */
    private static PayloadSize scan(String text) {
        long bytes = 0;
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3; // a surrogate pair is 4
            if (inString) {
                if (c == '\\') {
                    i++; // the escaped character is ASCII
                    bytes++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return new PayloadSize(bytes, deepest);
    }

    /**
     * A walk of small trees that bounds their text from above without writing it: field names and strings at 3
     * bytes a char plus quotes and escapes' worst case, numbers at their digits. Gives up (false) past
     * {@value #QUICK_NODES} nodes or on a number it cannot bound cheaply.
     */
    private static final class QuickWalk {
        long bytes;
        int depth;
        int nodes;

        boolean walk(JsonNode node, int level) {
            if (++nodes > QUICK_NODES) {
                return false;
            }
            if (node.isContainerNode()) {
                depth = Math.max(depth, level + 1);
                bytes += 2 + Math.max(0, node.size() - 1); // brackets and commas
                if (node.isObject()) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> field = it.next();
                        bytes += quoted(field.getKey()) + 1; // and the colon
                        if (!walk(field.getValue(), level + 1)) {
                            return false;
                        }
                    }
                } else {
                    for (JsonNode element : node) {
                        if (!walk(element, level + 1)) {
                            return false;
                        }
                    }
                }
                return true;
            }
            if (node.isTextual()) {
                bytes += quoted(node.textValue());
            } else if (node.isNumber()) {
                if (node.isBigDecimal()) {
                    java.math.BigDecimal d = node.decimalValue();
                    if (Math.abs((long) d.scale()) > 1000) {
                        return false;
                    }
                    // a number kept as it was written ("0.000...1", "1e0002") is as long as that text
                    bytes += d instanceof NumberTextFactory.WrittenDecimal ? d.toString().length()
                            : d.precision() + 24L; // sign, point, exponent and up to 6 leading zeros
                } else if (node.isBigInteger()) {
                    bytes += node.bigIntegerValue().bitLength() / 3 + 2L;
                } else {
                    bytes += 24; // a long or a double
                }
            } else {
                bytes += 5; // true, false, null
            }
            return true;
        }

        /** A string's text at most: every char a 6-byte escape is \\u escapes' worst, 3 bytes a char UTF-8's. */
        private static long quoted(String text) {
            return 2 + 6L * text.length();
        }
    }
}
