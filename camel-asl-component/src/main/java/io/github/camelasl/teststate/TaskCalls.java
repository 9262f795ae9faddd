package io.github.camelasl.teststate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.model.TaskState;

/** How TestState calls the resource of a Task it has no mock for. */
@FunctionalInterface
public interface TaskCalls {

    /**
     * Calls {@code state}'s Resource with {@code request} (the state's effective input) and returns its result.
     *
     * @throws AslError the Task's error (States.TaskFailed, States.Timeout, the resource's own error ...), which
     *                  the state's Retry and Catch then see; or {@link Refused} (InvalidDefinition) when the
     *                  Resource cannot be run
     */
    JsonNode call(TaskState state, JsonNode request);

    /** Calls nothing: every Task must be mocked. */
    TaskCalls NONE = (state, request) -> {
        throw new Refused("ValidationException", "The Task state '" + state.common().name() + "' has no mock, "
                + "and this TestState calls no resources: give a mock");
    };

    /** The request cannot be run at all (the answer is this error, not the Task's failure). */
    final class Refused extends AslError {

        public Refused(String error, String cause) {
            super(error, cause);
        }
    }
}
