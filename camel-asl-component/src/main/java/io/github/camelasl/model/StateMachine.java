package io.github.camelasl.model;

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
}
