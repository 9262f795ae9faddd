package io.github.camelasl.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What a graph is drawn from: the states of a definition read tolerantly from its JSON tree (a definition that
 * does not validate still gives what can be read: a state without a valid Type is drawn as "Unknown", a
 * transition to a missing state is left out; the validator's diagnostics say what is wrong).
 */
final class DefinitionModel {

    /** States drawn at most: ELK's layered layout grows faster than linearly, and no one reads a bigger graph. */
    static final int MAX_STATES = 2_000;

    /** The states of the machine, a Parallel branch or a Map's item processor. */
    record Scope(String startAt, List<State> states, String pointer, String location) {
        State state(String name) {
            for (State state : states) {
                if (state.name().equals(name)) {
                    return state;
                }
            }
            return null;
        }
    }

    /**
     * One state.
     *
     * @param pointer  its JSON pointer (RFC 6901: "~" and "/" in a name escaped)
     * @param location where the validator says it is (AWS's form: array elements as [i], names unescaped)
     * @param scopes   a Parallel's branches, a Map's item processor (one), else none
     */
    record State(String name, String type, JsonNode json, String pointer, String location, List<Scope> scopes) {
        boolean isGroup() {
            return type.equals("Parallel") || type.equals("Map");
        }
    }

    final Scope root;
    /** Every state by name, nested ones included (names are unique in a valid definition; the first wins). */
    final Map<String, State> byName = new HashMap<>();
    /** The Map state (or null) whose item processor each state sits in, innermost. */
    final Map<String, String> enclosingMap = new HashMap<>();
    private int count;

    /** How many states it has, nested ones included. */
    int stateCount() {
        return count;
    }

    /**
     * @param definition a machine, or a Map's item processor (null when the text is not a JSON object)
     * @param pointer    where it is in the definition, as a JSON pointer ("" for the machine)
     * @param location   where it is as the validator writes it
     * @param mapState   the Map it is the item processor of, or null
     */
    DefinitionModel(JsonNode definition, String pointer, String location, String mapState) {
        root = scope(definition != null && definition.isObject() ? definition : null, pointer, location, mapState);
    }

    private Scope scope(JsonNode owner, String pointer, String location, String mapState) {
        JsonNode states = owner == null ? null : owner.get("States");
        String startAt = owner == null ? null : textOrNull(owner.get("StartAt"));
        List<State> list = new ArrayList<>();
        if (states != null && states.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (++count > MAX_STATES) {
                    throw new IllegalArgumentException("the definition has more than " + MAX_STATES
                            + " states: too many to draw");
                }
                list.add(state(entry.getKey(), entry.getValue(), pointer + "/States/" + escape(entry.getKey()),
                        location + "/States/" + entry.getKey(), mapState));
            }
        }
        return new Scope(startAt, Collections.unmodifiableList(list), pointer, location);
    }

    private State state(String name, JsonNode json, String pointer, String location, String mapState) {
        String type = json.isObject() ? textOrNull(json.get("Type")) : null;
        if (type == null || !KNOWN_TYPES.contains(type)) {
            type = "Unknown";
        }
        List<Scope> scopes = new ArrayList<>();
        if (type.equals("Parallel")) {
            JsonNode branches = json.get("Branches");
            if (branches != null && branches.isArray()) {
                for (int i = 0; i < branches.size(); i++) {
                    scopes.add(scope(branches.get(i), pointer + "/Branches/" + i, location + "/Branches[" + i + "]",
                            mapState));
                }
            }
        } else if (type.equals("Map")) {
            String field = json.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
            scopes.add(scope(json.get(field), pointer + "/" + field, location + "/" + field, name));
        }
        State state = new State(name, type, json, pointer, location, List.copyOf(scopes));
        byName.putIfAbsent(name, state);
        if (mapState != null) {
            enclosingMap.putIfAbsent(name, mapState);
        }
        return state;
    }

    private static final List<String> KNOWN_TYPES = List.of("Task", "Pass", "Choice", "Wait", "Succeed", "Fail",
            "Parallel", "Map");

    static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    /** A name as one JSON pointer token. */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
