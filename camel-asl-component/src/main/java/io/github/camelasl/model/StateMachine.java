package io.github.camelasl.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A state machine, or a nested one (a Parallel branch, a Map item processor): StartAt and its States.
 *
 * @param pointer        JSON pointer of this (sub-)machine in the definition ("" at the top)
 * @param states         the states in definition order
 * @param timeoutSeconds top-level TimeoutSeconds, or null
 */
public record StateMachine(
        String pointer, String comment, String startAt, Map<String, State> states, Integer timeoutSeconds,
        String version, QueryLanguage queryLanguage) {

    public State state(String name) {
        return states.get(name);
    }

    /** The state named {@code name} here or in a Parallel branch or Map item processor at any depth, or null. */
    public State find(String name) {
        State state = state(name);
        if (state != null) {
            return state;
        }
        for (State each : states.values()) {
            for (StateMachine inner : nested(each)) {
                State found = inner.find(name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * Its Task states and those of its Parallel branches and Map item processors, at any depth, by name, in
     * definition order (state names are unique across a definition).
     */
    public Map<String, TaskState> taskStates() {
        Map<String, TaskState> tasks = new LinkedHashMap<>();
        collectTasks(this, tasks);
        return tasks;
    }

    private static void collectTasks(StateMachine machine, Map<String, TaskState> tasks) {
        for (State state : machine.states().values()) {
            if (state instanceof TaskState task) {
                tasks.putIfAbsent(task.name(), task);
            }
            nested(state).forEach(inner -> collectTasks(inner, tasks));
        }
    }

    /** The machines nested directly in {@code state}: a Parallel's branches, a Map's item processor; else none. */
    public static List<StateMachine> nested(State state) {
        return state instanceof ParallelState parallel ? parallel.branches()
                : state instanceof MapState map ? List.of(map.itemProcessor()) : List.of();
    }
}
