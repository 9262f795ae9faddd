package io.github.camelasl.cli;

import io.github.camelasl.model.MapState;
import io.github.camelasl.model.ParallelState;
import io.github.camelasl.model.State;
import io.github.camelasl.model.StateMachine;
import io.github.camelasl.model.TaskState;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Task states of a definition, at any depth (Parallel branches, Map item processors), by name. */
final class TaskStates {

    private TaskStates() {
    }

    /** Every Task state, in definition order, by name. */
    static Map<String, TaskState> of(StateMachine machine) {
        Map<String, TaskState> tasks = new LinkedHashMap<>();
        collect(machine, tasks);
        return tasks;
    }

    /** Every Map state, at any depth, in definition order. */
    static java.util.List<MapState> maps(StateMachine machine) {
        java.util.List<MapState> maps = new java.util.ArrayList<>();
        collectMaps(machine, maps);
        return maps;
    }

    private static void collectMaps(StateMachine machine, java.util.List<MapState> maps) {
        for (State state : machine.states().values()) {
            if (state instanceof MapState map) {
                maps.add(map);
            }
            inner(state).forEach(sub -> collectMaps(sub, maps));
        }
    }

    /** True when the definition has a state of that name, of any type, at any depth. */
    static boolean hasState(StateMachine machine, String name) {
        if (machine.state(name) != null) {
            return true;
        }
        for (State state : machine.states().values()) {
            for (StateMachine inner : inner(state)) {
                if (hasState(inner, name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void collect(StateMachine machine, Map<String, TaskState> tasks) {
        for (State state : machine.states().values()) {
            if (state instanceof TaskState task) {
                tasks.putIfAbsent(task.common().name(), task);
            }
            inner(state).forEach(sub -> collect(sub, tasks));
        }
    }

    private static java.util.List<StateMachine> inner(State state) {
        return state instanceof ParallelState parallel ? parallel.branches()
                : state instanceof MapState map ? java.util.List.of(map.itemProcessor()) : java.util.List.of();
    }
}
