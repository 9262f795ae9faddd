package io.github.camelasl.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Parallel: runs every branch on the same input; the output is the array of branch outputs, in order. */
public record ParallelState(
        StateCommon common, List<StateMachine> branches, Template parameters, JsonNode arguments,
        Template resultSelector, String resultPath, List<Retrier> retry, List<Catcher> catchers)
        implements State, ErrorHandling {
}
