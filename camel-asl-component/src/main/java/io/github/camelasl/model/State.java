package io.github.camelasl.model;

/** One state of a state machine: a typed, immutable view of its JSON. */
public sealed interface State
        permits PassState, TaskState, ChoiceState, WaitState, SucceedState, FailState, ParallelState, MapState {

    StateCommon common();

    default String name() {
        return common().name();
    }

    default boolean isTerminal() {
        return common().end() || this instanceof SucceedState || this instanceof FailState;
    }
}
