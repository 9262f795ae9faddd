package io.github.camelasl.dataflow.jsonata;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed expressions by source text. Every evaluation of a state's fields goes through here, so parsing happens once
 * per distinct expression. Bounded: past the limit the map is emptied and refills with what is in use (definitions
 * hold few distinct expressions; only a process that keeps creating new ones ever reaches it).
 */
final class ExpressionCache {

    static final int LIMIT = 10_000;

    private static final Map<String, CompiledExpression> CACHE = new ConcurrentHashMap<>();

    private ExpressionCache() {
    }

    /** The parsed expression (or its parse problem) for JSONata source text without the {% %} delimiters. */
    static CompiledExpression get(String source) {
        CompiledExpression compiled = CACHE.get(source);
        if (compiled == null) {
            if (CACHE.size() >= LIMIT) {
                CACHE.clear();
            }
            compiled = CACHE.computeIfAbsent(source, CompiledExpression::compile);
        }
        return compiled;
    }

    /** For tests. */
    static int size() {
        return CACHE.size();
    }
}
