package io.github.camelasl.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.resource.AwsArns;
import java.util.List;

/**
 * Task: calls a resource (a Camel endpoint URI or an ARN a resolver maps to one).
 * Integer fields are null when absent; the *Path variants hold a reference path.
 */
public record TaskState(
        StateCommon common, String resource, Template parameters, JsonNode arguments, Template resultSelector,
        String resultPath, JsonNode timeoutSeconds, String timeoutSecondsPath, JsonNode heartbeatSeconds,
        String heartbeatSecondsPath, JsonNode credentials, List<Retrier> retry, List<Catcher> catchers)
        implements State, ErrorHandling {

    /** The suffix of a Resource whose Task waits for SendTaskSuccess/SendTaskFailure after its call. */
    public static final String WAIT_FOR_TASK_TOKEN = ".waitForTaskToken";

    /** True for the callback pattern: the call hands out $$.Task.Token, and the Task waits for it. */
    public boolean waitForTaskToken() {
        return resource != null && resource.endsWith(WAIT_FOR_TASK_TOKEN) || isActivity();
    }

    /**
     * True for a job run to completion ({@code .sync}, {@code .sync:2}): a callback Task whose connector follows the
     * job and ends the Task through {@code TaskCompletions}.
     */
    public boolean sync() {
        return AwsArns.isSyncIntegration(resource);
    }

    /** True when the Task waits for its token after the call: .waitForTaskToken, an activity, or .sync. */
    public boolean awaitsCallback() {
        return waitForTaskToken() || sync();
    }

    /** An activity ({@code arn:aws:states:REGION:ACCOUNT:activity:NAME}): a worker takes the task and answers. */
    public boolean isActivity() {
        return AwsArns.isActivity(resource);
    }
}
