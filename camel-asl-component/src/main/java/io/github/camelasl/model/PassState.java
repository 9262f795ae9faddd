package io.github.camelasl.model;

import com.fasterxml.jackson.databind.JsonNode;

/** Pass: passes its input, or a fixed Result, to its output. */
public record PassState(StateCommon common, JsonNode result, Template parameters, String resultPath) implements State {
}
