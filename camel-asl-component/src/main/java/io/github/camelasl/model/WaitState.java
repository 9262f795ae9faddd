package io.github.camelasl.model;

import com.fasterxml.jackson.databind.JsonNode;

/** Wait: exactly one of Seconds, SecondsPath, Timestamp, TimestampPath is set. */
public record WaitState(StateCommon common, JsonNode seconds, String secondsPath, JsonNode timestamp, String timestampPath)
        implements State {
}
