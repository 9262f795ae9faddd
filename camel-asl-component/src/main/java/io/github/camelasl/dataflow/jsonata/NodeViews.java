package io.github.camelasl.dataflow.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

/**
 * Read-only {@code Map} and {@code List} views of Jackson containers, as the JSONata library expects its data.
 *
 * <p>Why views rather than a copy: {@code $states} (input, context, ...) is bound for every expression of every
 * template, and most expressions touch a few fields of it. A view converts only what the expression reads, and only
 * when it reads it; the library never writes into its input (transforms clone first).
 */
final class NodeViews {

    private NodeViews() {
    }

    /** An object's members in document order; values converted on access. */
    static final class ObjectView extends AbstractMap<String, Object> {

        final ObjectNode node;

        ObjectView(ObjectNode node) {
            this.node = node;
        }

        @Override
        public Object get(Object key) {
            if (!(key instanceof String name)) {
                return null;
            }
            JsonNode value = node.get(name);
            return value == null ? null : JsonataValues.toJsonata(value);
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && node.has(name);
        }

        @Override
        public int size() {
            return node.size();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    Iterator<Entry<String, JsonNode>> fields = node.properties().iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return fields.hasNext();
                        }

                        @Override
                        public Entry<String, Object> next() {
                            Entry<String, JsonNode> field = fields.next();
                            return new SimpleImmutableEntry<>(field.getKey(), JsonataValues.toJsonata(field.getValue()));
                        }
                    };
                }

                @Override
                public int size() {
                    return node.size();
                }
            };
        }
    }

    /** An array's items; converted on access. */
    static final class ArrayView extends AbstractList<Object> implements RandomAccess {

        final ArrayNode node;

        ArrayView(ArrayNode node) {
            this.node = node;
        }

        @Override
        public Object get(int index) {
            if (index < 0 || index >= node.size()) {
                throw new IndexOutOfBoundsException(index);
            }
            return JsonataValues.toJsonata(node.get(index));
        }

        @Override
        public int size() {
            return node.size();
        }
    }
}
