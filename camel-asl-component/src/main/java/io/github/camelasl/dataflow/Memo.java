package io.github.camelasl.dataflow;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A concurrent cache of what is derived from a definition's text (parsed paths, stripped keys, event type
 * names): computed once, then found with a plain lookup. Bounded, so text from data rather than from
 * definitions cannot grow it without end; past the bound values are computed each time.
 */
public final class Memo<K, V> {

    private static final int LIMIT = 10_000;

    private final Map<K, V> values = new ConcurrentHashMap<>();
    private final Function<K, V> compute;

    public Memo(Function<K, V> compute) {
        this.compute = compute;
    }

    public V get(K key) {
        V value = values.get(key); // not computeIfAbsent: on a hit it may lock the bin
        if (value == null) {
            value = compute.apply(key);
            if (values.size() < LIMIT) {
                values.putIfAbsent(key, value);
            }
        }
        return value;
    }
}
