package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.InputOutput;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.history.EventDetails;
import io.github.camelasl.history.HistoryEventType;
import io.github.camelasl.mock.MockedExecution;
import io.github.camelasl.mock.MockedResponse;
import io.github.camelasl.mock.TaskMocks;
import io.github.camelasl.model.TaskState;
import io.github.camelasl.resource.AwsArns;

/**
 * Task: before the call, the effective input (InputPath, Parameters) and the events of its scheduling
 * ({@link TaskEvents}); after it, its success event, ResultSelector, ResultPath and OutputPath. The call itself is the
 * route's.
 */
public final class TaskStep {

    private TaskStep() {
    }

    /** Enters (or re-tries) the state; returns the effective input to send to the endpoint. */
    public static JsonNode prepare(Scope scope) {
        Transitions.enter(scope);
        TaskState state = (TaskState) scope.current();
        String resumedToken = state.awaitsCallback() ? scope.takeResumedTaskToken() : null;
        if (state.awaitsCallback()) {
            // a new token for each attempt; a resumed Task goes on waiting for the one it handed out
            scope.taskToken(resumedToken != null ? resumedToken : TaskTokens.newToken());
        }
        scope.awaitsResumedToken(resumedToken != null);
        JsonNode effective = Transitions.effectiveInput(scope, state.parameters(), state.arguments());
        scope.effectiveInput(effective);
        Long timeout = timeoutSeconds(scope);
        scope.taskTimeoutSeconds(timeout); // evaluated once: the event and the timer see the same value
        // evaluated with the other inputs, so a bad HeartbeatSecondsPath is the state's data error, before any call
        Long heartbeat = heartbeatSeconds(scope);
        scope.taskHeartbeatSeconds(heartbeat);
        if (resumedToken != null) {
            scope.phase(Scope.Phase.TASK_CALL);
            return effective; // its TaskScheduled, TaskStarted and TaskSubmitted were recorded before the restart
        }
        if (state.isActivity()) {
            scope.recordLazily(HistoryEventType.ActivityScheduled, () -> {
                ObjectNode scheduled = Json.NODES.objectNode();
                scheduled.put("resource", state.resource());
                scheduled.setAll(EventDetails.withInput(effective));
                if (timeout != null) {
                    scheduled.put("timeoutInSeconds", timeout);
                }
                if (heartbeat != null) {
                    scheduled.put("heartbeatInSeconds", heartbeat);
                }
                return scheduled;
            });
            scope.phase(Scope.Phase.TASK_CALL);
            return effective;
        }
        TaskEvents.scheduled(scope, state, effective, timeout);
        scope.phase(Scope.Phase.TASK_CALL);
        return effective;
    }

    /**
     * After {@link #prepare}: when the execution runs a mock test case that mocks this state, this invocation's
     * mocked response stands in for the call (its endpoint is not called; a .waitForTaskToken Task does not wait):
     * the service's response, which {@link #complete} then takes as the call's, or its error, thrown as the call's
     * would be (the state's Retry and Catch apply). Null when the state runs for real: one field read for an
     * execution without mocks.
     *
     * @throws AslError the mocked error; States.Runtime past the last invocation the mock numbers (AWS: "the state
     *                  machine execution will fail"), which no Retry or Catch takes
     */
    public static JsonNode mockedResult(Scope scope) {
        TaskMocks mocks = scope.execution().mocks();
        if (mocks == null) {
            return null;
        }
        String stateName = scope.current().name();
        String resource = ((TaskState) scope.current()).resource();
        if (!mocks.mocks(stateName, resource)) {
            return null;
        }
        MockedResponse response;
        try {
            response = mocks.next(stateName, resource, scope.effectiveInput());
        } catch (MockedExecution.NoMockedResponseException e) {
            throw AslError.runtime(e.getMessage());
        }
        if (response instanceof MockedResponse.Throw thrown) {
            throw new AslError(thrown.error(), thrown.cause());
        }
        // a copy: the data flow may build the state's output around it, and the next invocation reuses the mock
        return ((MockedResponse.Return) response).payload().deepCopy();
    }

    /**
     * A .waitForTaskToken Task's endpoint took the request (its reply is {@code response}): TaskSubmitted, and the
     * token goes into the checkpoint. The Task's result is what SendTaskSuccess brings.
     */
    public static void submitted(Scope scope, JsonNode response) {
        TaskState state = (TaskState) scope.current();
        if (state.isActivity()) {
            scope.awaitingToken(); // queued for a worker: ActivityStarted comes when one takes it
            return;
        }
        scope.recordLazily(HistoryEventType.TaskSubmitted, () -> {
            ObjectNode submitted = resource(state);
            submitted.setAll(EventDetails.withOutput(response));
            return submitted;
        });
        scope.awaitingToken();
    }

    /**
     * The output of the current Task's TaskSubmitted as recorded (JSON text): for a .sync Task resumed after a restart,
     * whose connector follows the job that reply named. The last TaskSubmitted of the history is the Task's: it is
     * the checkpointed state, and nothing was recorded after its token was.
     */
    public static String submittedOutput(Scope scope) {
        java.util.List<JsonNode> events = scope.execution().history().events();
        for (int i = events.size() - 1; i >= 0; i--) {
            JsonNode event = events.get(i);
            if (HistoryEventType.TaskSubmitted.name().equals(event.path("type").asText())) {
                JsonNode output = event.path("taskSubmittedEventDetails").path("output");
                return output.isTextual() ? output.textValue() : Json.write(output);
            }
        }
        return "{}"; // not recorded (an older store): the connector has only the token and the request to go on
    }

    /** HeartbeatSeconds or HeartbeatSecondsPath, or null for none. */
    private static Long heartbeatSeconds(Scope scope) {
        TaskState state = (TaskState) scope.current();
        return positiveSeconds(scope, "HeartbeatSeconds", state.heartbeatSeconds(), state.heartbeatSecondsPath());
    }

    /** The endpoint answered with {@code result}. */
    public static void complete(Scope scope, JsonNode result) {
        scope.phase(Scope.Phase.DATAFLOW);
        TaskState state = (TaskState) scope.current();
        Transitions.checkLimits(scope, result);
        if (state.isActivity()) {
            scope.recordLazily(HistoryEventType.ActivitySucceeded, () -> EventDetails.withOutput(result));
            Transitions.exitWithResult(scope, state.resultSelector(), state.resultPath(), result);
            return;
        }
        TaskEvents.succeeded(scope, state, result);
        Transitions.exitWithResult(scope, state.resultSelector(), state.resultPath(), result);
    }

    /** TimeoutSeconds or TimeoutSecondsPath, or null for none. */
    public static Long timeoutSeconds(Scope scope) {
        TaskState state = (TaskState) scope.current();
        return positiveSeconds(scope, "TimeoutSeconds", state.timeoutSeconds(), state.timeoutSecondsPath());
    }

    /**
     * A Task's {@code field} (a literal, or a JSONata expression) or {@code field}Path: a positive number of
     * seconds, or null when neither is given; else the error AWS raises for it.
     */
    private static Long positiveSeconds(Scope scope, String field, JsonNode literal, String path) {
        if (literal != null && JsonataStates.applies(scope.current())) {
            JsonNode value = JsonataStates.value(scope, literal, JsonataStates.states(scope), field);
            Long seconds = NumberFields.jsonataWholeNumber(value);
            if (seconds == null || seconds <= 0) {
                throw new AslError(ErrorNames.QUERY_EVALUATION_ERROR, "The " + field + " field must be a positive "
                        + "integer, but was: " + (value == null ? "undefined" : Json.write(value)));
            }
            return seconds;
        }
        if (literal != null && literal.isNumber()) {
            return NumberFields.literalWholeNumber(literal);
        }
        if (path != null) {
            // AWS words a path that selects nothing here as it does for InputPath
            JsonNode value = InputOutput.inputPath(path, scope.stateInput(), scope.bindings());
            Long seconds = NumberFields.wholeNumber(value);
            if (seconds == null || seconds <= 0) {
                throw AslError.runtime("The " + field + "Path parameter does not reference a positive integer: "
                        + path + " == " + Json.write(value));
            }
            return seconds;
        }
        return null;
    }

    /**
     * The resourceType/resource pair of a Task's events, from its Resource alone, so that all of them report the
     * same: AWS's for an integration ({@code arn:aws:states:::lambda:invoke} is "lambda" and "invoke",
     * {@code arn:aws:states:::aws-sdk:s3:getObject} "aws-sdk:s3" and "getObject"); the service and the whole ARN for
     * another ARN (a Lambda function's); the scheme and the whole URI for a Camel URI.
     */
    static ObjectNode resource(TaskState state) {
        String resource = state.resource();
        String type;
        AwsArns.Arn arn = AwsArns.parse(resource).orElse(null);
        if (arn != null && arn.service().equals("states") && arn.resource().contains(":")) {
            String rest = arn.resource();
            int serviceEnd = rest.indexOf(':');
            if (rest.startsWith("aws-sdk:") && rest.indexOf(':', serviceEnd + 1) > 0) {
                serviceEnd = rest.indexOf(':', serviceEnd + 1);
            }
            type = rest.substring(0, serviceEnd);
            resource = rest.substring(serviceEnd + 1);
        } else if (arn != null) {
            type = arn.service();
        } else {
            int colon = resource.indexOf(':');
            type = colon > 0 ? resource.substring(0, colon) : "camel";
        }
        ObjectNode details = Json.NODES.objectNode();
        details.put("resourceType", type);
        details.put("resource", resource);
        return details;
    }
}
