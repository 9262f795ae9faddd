package io.github.camelasl.model;

/** Succeed: ends the execution (or branch, or iteration) successfully. */
public record SucceedState(StateCommon common) implements State {
}
