package io.github.camelasl.mock;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a mocked Task invocation answers instead of calling its endpoint: the service's response ({@code Return}), which
 * then goes through the state's ResultSelector, ResultPath and OutputPath as a real one would, or an error
 * ({@code Throw}) that the state's Retry and Catch see as the Task's own.
 */
public sealed interface MockedResponse {

    /** The service's response. It is shared by every invocation it answers: do not change it, copy it. */
    record Return(JsonNode payload) implements MockedResponse {
    }

    /** The Task fails with {@code error} and {@code cause}. */
    record Throw(String error, String cause) implements MockedResponse {
    }
}
