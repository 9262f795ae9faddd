package io.github.camelasl.cli;

import io.github.camelasl.model.MapState;
import io.github.camelasl.model.State;
import io.github.camelasl.model.StateMachine;
import io.github.camelasl.model.TaskState;
import java.util.Map;

/** The Task states of a definition, at any depth (Parallel branches, Map item processors), by name. */
final class TaskStates {

    private TaskStates() {
    }

    /** Every Task state, in definition order, by name. */
    static Map<String, TaskState> of(StateMachine machine) {
        return machine.taskStates();
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
            StateMachine.nested(state).forEach(sub -> collectMaps(sub, maps));
        }
    }
}
