package io.github.camelasl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Transitions within one States object (the machine's, a Parallel branch's or a Map's item processor's):
 * every target names a state of the same object, every state is reachable from StartAt, and the machine
 * has a state that ends it.
 */
final class TransitionRules {

    private TransitionRules() {
    }

    /**
     * @param pointer the owner of the States object ("" for the machine)
     * @param states  the States object, or null when it is missing or malformed
     * @param startAt the StartAt name, or null when it is missing or malformed (then reachability is not judged)
     * @param top     true for the machine itself: only there must a terminal state exist
     */
    static void check(String pointer, JsonNode states, String startAt, boolean top, Problems problems) {
        if (states == null) {
            return;
        }
        if (startAt != null && !states.has(startAt)) {
            problems.add(Problems.MISSING_TARGET, Problems.missingTarget(startAt), Locations.field(pointer, "StartAt"));
        }
        String statesPointer = Locations.field(pointer, "States");
        states.fields().forEachRemaining(entry -> targets(entry.getValue(),
                Locations.field(statesPointer, entry.getKey()), (target, location) -> {
                    if (!states.has(target)) {
                        problems.add(Problems.MISSING_TARGET, Problems.missingTarget(target), location);
                    }
                }));
        if (top && !hasTerminalState(states)) {
            // AWS reports this alone: with no way to end, it does not also list unreachable states.
            problems.add(Problems.MISSING_END, Problems.noTerminalState(), null);
            return;
        }
        if (startAt != null) {
            // A StartAt naming no state reaches nothing: every state is then unreachable too.
            Set<String> reached = states.has(startAt) ? reachable(states, startAt) : Set.of();
            states.fieldNames().forEachRemaining(name -> {
                if (!reached.contains(name)) {
                    problems.add(Problems.MISSING_TARGET, Problems.unreachable(name),
                            Locations.field(statesPointer, name));
                }
            });
        }
    }

    private static Set<String> reachable(JsonNode states, String startAt) {
        Set<String> reached = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        reached.add(startAt);
        pending.add(startAt);
        while (!pending.isEmpty()) {
            targets(states.get(pending.poll()), "", (target, location) -> {
                if (states.has(target) && reached.add(target)) {
                    pending.add(target);
                }
            });
        }
        return reached;
    }

    /** Calls {@code action} with each state name {@code state} can go to, and where it is written. */
    private static void targets(JsonNode state, String pointer, BiConsumer<String, String> action) {
        if (state == null || !state.isObject()) {
            return;
        }
        target(state, "Next", pointer, action);
        target(state, "Default", pointer, action);
        for (String list : List.of("Choices", "Catch")) {
            JsonNode entries = state.get(list);
            if (entries != null && entries.isArray()) {
                for (int i = 0; i < entries.size(); i++) {
                    target(entries.get(i), "Next", Locations.element(Locations.field(pointer, list), i), action);
                }
            }
        }
    }

    private static void target(JsonNode owner, String field, String pointer, BiConsumer<String, String> action) {
        JsonNode value = owner.get(field);
        if (value != null && value.isTextual()) {
            action.accept(value.asText(), Locations.field(pointer, field));
        }
    }

    private static boolean hasTerminalState(JsonNode states) {
        for (JsonNode state : states) {
            String type = state.path("Type").asText("");
            // An End of the wrong type is reported as such, not again as a missing terminal state.
            JsonNode end = state.path("End");
            boolean ends = !end.isMissingNode() && !(end.isBoolean() && !end.booleanValue());
            if (type.equals("Succeed") || type.equals("Fail") || ends) {
                return true;
            }
        }
        return false;
    }
}
