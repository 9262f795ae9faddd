package io.github.camelasl.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.camelasl.dataflow.Json;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds a state name written twice in the same States object. A parsed tree keeps only the last of two equal
 * keys, so this reads the text itself; names repeated across nested machines are caught on the tree.
 */
final class DuplicateStateNames {

    /** Where a States object may be: the root, a Parallel branch, a Map's item processor. */
    private static final Pattern MACHINE = Pattern.compile("|.*/Branches\\[\\d+]|.*/ItemProcessor|.*/Iterator");

    /** One open object or array: its location, and for a States object the names seen so far. */
    private static final class Frame {
        final String pointer;
        final boolean array;
        final Set<String> stateNames;
        int index = -1;
        String field;

        Frame(String pointer, boolean array, boolean states) {
            this.pointer = pointer;
            this.array = array;
            this.stateNames = states ? new HashSet<>() : null;
        }

        /** The location of the value being read in this container. */
        String child() {
            return array ? Locations.element(pointer, index) : Locations.field(pointer, field);
        }
    }

    private DuplicateStateNames() {
    }

    /** Reports duplicates in {@code text}, which must already be known to parse. */
    static void check(String text, Problems problems) {
        Deque<Frame> open = new ArrayDeque<>();
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                Frame parent = open.peek();
                if (token == JsonToken.FIELD_NAME) {
                    parent.field = parser.currentName();
                    if (parent.stateNames != null && !parent.stateNames.add(parent.field)) {
                        problems.add(Problems.DUPLICATE_STATE, Problems.duplicateState(parent.field), parent.child());
                    }
                    continue;
                }
                if (parent != null && parent.array && token != JsonToken.END_ARRAY) {
                    parent.index++;
                }
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    String pointer = parent == null ? "" : parent.child();
                    boolean states = parent != null && !parent.array && "States".equals(parent.field)
                            && MACHINE.matcher(parent.pointer).matches();
                    open.push(new Frame(pointer, token == JsonToken.START_ARRAY, states));
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    open.pop();
                }
            }
        } catch (IOException e) {
            // The text was parsed before; nothing more to report here.
        }
    }
}
