package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.history.EventDetails;
import io.github.camelasl.history.HistoryEventType;
import io.github.camelasl.model.TaskState;
import io.github.camelasl.resource.AwsArns;

/**
 * The events of a Task's call (not an activity's: see {@link TaskStep}), in the family AWS writes for its Resource. A
 * Lambda function ARN ({@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}) has LambdaFunctionScheduled (input,
 * resource, timeoutInSeconds), LambdaFunctionStarted (no details), LambdaFunctionSucceeded (output) and
 * LambdaFunctionFailed or LambdaFunctionTimedOut (error, cause): corpus cases
 * services_test_lambda_task.TestTaskLambda.test_invoke_pipe, timeouts_test_timeouts.TestTimeouts
 * .test_fixed_timeout_lambda and error_handling_test_task_lambda.TestTaskLambda.test_raise_exception_catch, and
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html. Any other Resource (an
 * integration, a Camel URI) has TaskScheduled, TaskStarted, TaskSucceeded and TaskFailed or TaskTimedOut, each naming
 * the same resourceType and resource ({@link TaskStep#resource}).
 */
final class TaskEvents {

    private TaskEvents() {
    }

    /** The call is about to be made with {@code input}; {@code timeout} is its TimeoutSeconds (or null). */
    static void scheduled(Scope scope, TaskState state, JsonNode input, Long timeout) {
        if (lambdaFunction(state)) {
            scope.recordLazily(HistoryEventType.LambdaFunctionScheduled, () -> {
                ObjectNode scheduled = EventDetails.withInput(input);
                scheduled.put("resource", state.resource());
                if (timeout != null) {
                    scheduled.put("timeoutInSeconds", timeout);
                }
                return scheduled;
            });
            scope.recordLazily(HistoryEventType.LambdaFunctionStarted, () -> null);
            return;
        }
        String region = scope.execution().config().region();
        // the details are built only if the history is read: a Task's events cost next to nothing otherwise
        scope.recordLazily(HistoryEventType.TaskScheduled, () -> {
            ObjectNode scheduled = TaskStep.resource(state);
            scheduled.put("region", region);
            scheduled.put("parameters", Json.write(input));
            if (timeout != null) {
                scheduled.put("timeoutInSeconds", timeout);
            }
            return scheduled;
        });
        scope.recordLazily(HistoryEventType.TaskStarted, () -> TaskStep.resource(state));
    }

    /** The call answered {@code result}. */
    static void succeeded(Scope scope, TaskState state, JsonNode result) {
        if (lambdaFunction(state)) {
            scope.recordLazily(HistoryEventType.LambdaFunctionSucceeded, () -> EventDetails.withOutput(result));
            return;
        }
        scope.recordLazily(HistoryEventType.TaskSucceeded, () -> {
            ObjectNode succeeded = TaskStep.resource(state);
            succeeded.setAll(EventDetails.withOutput(result));
            return succeeded;
        });
    }

    /** The call failed with {@code error}, or ran out of time ({@code timedOut}). */
    static void failed(Scope scope, TaskState state, AslError error, boolean timedOut) {
        ObjectNode details = EventDetails.failure(error.error(), error.cause());
        if (lambdaFunction(state)) {
            scope.record(timedOut ? HistoryEventType.LambdaFunctionTimedOut : HistoryEventType.LambdaFunctionFailed,
                    details);
            return;
        }
        ObjectNode named = TaskStep.resource(state);
        named.setAll(details);
        scope.record(timedOut ? HistoryEventType.TaskTimedOut : HistoryEventType.TaskFailed, named);
    }

    /** A Lambda function ARN AWS recognises (validation refuses other arn:aws:lambda: Resources). */
    private static boolean lambdaFunction(TaskState state) {
        return state.resource().startsWith("arn:") && AwsArns.isLambdaFunction(state.resource());
    }
}
