package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.dataflow.ResultPath;
import io.github.camelasl.history.EventDetails;
import io.github.camelasl.history.HistoryEventType;
import io.github.camelasl.model.Catcher;
import io.github.camelasl.model.ErrorHandling;
import io.github.camelasl.model.Retrier;
import io.github.camelasl.model.State;
import io.github.camelasl.model.TaskState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RuntimeCamelException;

/**
 * What happens when a state fails: the state routes' Camel error handler calls {@link #handle}, which applies
 * the state's Retry (the route then waits, asynchronously, and the driver runs the state again), else its
 * Catch (a transition), else fails the scope.
 *
 * <p>Retry is decided here rather than by Camel's redelivery because ASL counts attempts per retrier and caps
 * delays with MaxDelaySeconds and FULL jitter, which Camel's redelivery policy cannot express; the waiting is
 * still Camel's asynchronous delayer.
 */
public final class FailurePolicy {

    private static final String RUNTIME_PREFIX = "An error occurred while executing the state '%s' (entered at "
            + "the event id #%d). ";

    private FailurePolicy() {
    }

    public static void handle(Scope scope, Throwable thrown) {
        try {
            apply(scope, thrown);
        } catch (RuntimeException handlingFailure) {
            // the Retry or Catch itself could not be applied (a variable over its limit, say): nothing is left
            scope.fail(toAslError(handlingFailure, Scope.Phase.DATAFLOW));
        }
    }

    private static void apply(Scope scope, Throwable thrown) {
        Scope.Phase phase = scope.phase();
        scope.phase(Scope.Phase.DATAFLOW);
        State state = scope.current();
        AslError error = toAslError(thrown, phase);
        if (phase == Scope.Phase.TASK_CALL && state instanceof TaskState task && task.isActivity()) {
            boolean timedOut = ErrorNames.TIMEOUT.equals(error.error())
                    || ErrorNames.HEARTBEAT_TIMEOUT.equals(error.error());
            scope.record(timedOut ? HistoryEventType.ActivityTimedOut : HistoryEventType.ActivityFailed,
                    EventDetails.failure(error.error(), error.cause()));
        } else if (phase == Scope.Phase.TASK_CALL && state instanceof TaskState task) {
            boolean timedOut = ErrorNames.TIMEOUT.equals(error.error())
                    || ErrorNames.HEARTBEAT_TIMEOUT.equals(error.error());
            TaskEvents.failed(scope, task, error, timedOut);
        } else if (phase == Scope.Phase.DATAFLOW && raisedByEngine(error)) {
            error = new AslError(error.error(),
                    String.format(RUNTIME_PREFIX, state.name(), scope.enteredEventId()) + error.cause());
        }
        if (state instanceof ErrorHandling handling) {
            if (retry(scope, handling.retry(), error)) {
                return;
            }
            List<Catcher> catchers = handling.catchers();
            for (int i = 0; i < catchers.size(); i++) {
                Catcher catcher = catchers.get(i);
                if (ErrorMatcher.matches(catcher.errorEquals(), error.error())) {
                    scope.execution().observers().caught(scope.execution().arn(), state.name(), i);
                    ObjectNode errorOutput = Json.NODES.objectNode();
                    errorOutput.put("Error", error.error());
                    errorOutput.put("Cause", error.cause());
                    JsonNode output;
                    Map<String, JsonNode> assigned;
                    if (JsonataStates.applies(state)) {
                        ObjectNode states = JsonataStates.withErrorOutput(scope, errorOutput);
                        assigned = JsonataStates.assign(scope, catcher.assign(), states);
                        output = JsonataStates.output(scope, catcher.output(), states, errorOutput);
                    } else {
                        assigned = Assignments.evaluate(catcher.assign(), errorOutput, scope.bindings());
                        output = ResultPath.apply(catcher.resultPath(), scope.stateInput(), errorOutput);
                    }
                    Transitions.goTo(scope, catcher.next(), output, assigned);
                    return;
                }
            }
        }
        scope.fail(error);
    }

    /** True when a retrier matched and has attempts left: the state runs again after the back-off. */
    private static boolean retry(Scope scope, List<Retrier> retriers, AslError error) {
        for (int i = 0; i < retriers.size(); i++) {
            Retrier retrier = retriers.get(i);
            if (!ErrorMatcher.matches(retrier.errorEquals(), error.error())) {
                continue;
            }
            int[] attempts = scope.retryAttempts(retriers.size());
            if (attempts[i] >= retrier.maxAttempts()) {
                return false; // the first matching retrier decides; exhausted means go to Catch
            }
            scope.delayMillis(Delays.ofMillis(backoffMillis(retrier, attempts[i])
                    * scope.execution().config().retryIntervalScale()));
            attempts[i]++;
            scope.execution().observers().retrying(scope.execution().arn(), scope.current().name(), i, attempts[i]);
            scope.countRetry();
            scope.retrying(true);
            scope.retryScheduled(attempts);
            return true;
        }
        return false;
    }

    static long backoffMillis(Retrier retrier, int attempt) {
        double seconds = retrier.intervalSeconds().doubleValue() * Math.pow(retrier.backoffRate().doubleValue(), attempt);
        if (retrier.maxDelaySeconds() != null) {
            seconds = Math.min(seconds, retrier.maxDelaySeconds());
        }
        if (retrier.jitterStrategy() == Retrier.JitterStrategy.FULL) {
            seconds = ThreadLocalRandom.current().nextDouble() * seconds;
        }
        return Delays.ofSeconds(seconds); // BackoffRate^attempt may be far beyond a long, or infinite
    }

    /** The engine's own data errors (a missing path, a bad value) carry AWS's "An error occurred..." prefix. */
    private static boolean raisedByEngine(AslError error) {
        return ErrorNames.RUNTIME.equals(error.error()) || ErrorNames.QUERY_EVALUATION_ERROR.equals(error.error());
    }

    /** An endpoint's exception becomes States.TaskFailed with its message, unless it is an AslError already. */
    public static AslError toAslError(Throwable thrown, Scope.Phase phase) {
        Throwable t = thrown;
        while ((t instanceof CamelExecutionException || t instanceof RuntimeCamelException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof AslError aslError) {
            return aslError;
        }
        String message = t.getMessage() != null ? t.getMessage() : t.getClass().getName();
        if (phase == Scope.Phase.TASK_CALL) {
            return new AslError(ErrorNames.TASK_FAILED, message, t);
        }
        return new AslError(ErrorNames.RUNTIME, message, t);
    }
}
