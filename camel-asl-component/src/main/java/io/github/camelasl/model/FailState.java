package io.github.camelasl.model;

import com.fasterxml.jackson.databind.JsonNode;

/** Fail: ends with an error. Error and Cause are text, or JSONata strings; the *Path fields are paths. */
public record FailState(StateCommon common, JsonNode error, String errorPath, JsonNode cause, String causePath)
        implements State {
}
