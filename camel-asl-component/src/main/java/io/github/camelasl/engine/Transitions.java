package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Bindings;
import io.github.camelasl.dataflow.InputOutput;
import io.github.camelasl.dataflow.PayloadTemplate;
import io.github.camelasl.dataflow.ResultPath;
import io.github.camelasl.history.EventDetails;
import io.github.camelasl.history.HistoryEventType;
import io.github.camelasl.model.State;
import io.github.camelasl.model.SucceedState;
import io.github.camelasl.model.Template;
import java.util.Map;

/** Entering and leaving a state: the StateEntered/StateExited events and the move to the next state. */
public final class Transitions {

    private Transitions() {
    }

    /** Records StateEntered, unless the state is being retried (AWS enters a state once per visit). */
    public static void enter(Scope scope) {
        scope.delayMillis(0);
        if (scope.retrying()) {
            return;
        }
        State state = scope.current();
        if (scope.resumeEntered()) {
            return; // a resumed execution's StateEntered was recorded before the restart
        }
        long now = scope.execution().clock().millis();
        long id = scope.recordLazily(HistoryEventType.StateEntered, entered(state.common().type()),
                EventDetails.stateEntered(state.name(), scope.stateInput()));
        scope.entered(now, id);
    }

    /**
     * Leaves the current state with {@code output}, applying its Assign results: to its Next, or ends the scope
     * when it is an end state.
     */
    public static void exit(Scope scope, JsonNode output, Map<String, JsonNode> assigned) {
        State state = scope.current();
        if (state.common().end() || state instanceof SucceedState) {
            long bytes = scope.execution().config().limits().checkStateData(output, state.name()).bytes();
            scope.variables().assign(assigned, scope.execution().config().limits());
            recordExit(scope, output);
            scope.succeed(output, bytes);
        } else {
            goTo(scope, state.common().next(), output, assigned);
        }
    }

    /**
     * The input a Task or Parallel state works on: JSONata {@code Arguments} (else its raw input), or in the
     * JSONPath dialect InputPath then Parameters.
     */
    static JsonNode effectiveInput(Scope scope, Template parameters, JsonNode arguments) {
        if (JsonataStates.applies(scope.current())) {
            return arguments == null ? scope.stateInput() : checkLimits(scope,
                    JsonataStates.template(scope, arguments, JsonataStates.states(scope), "Arguments"));
        }
        Bindings bindings = scope.bindings();
        JsonNode effective = InputOutput.inputPath(scope.current().common().inputPath(), scope.stateInput(), bindings);
        if (parameters == null) {
            return effective;
        }
        // a template may repeat its input: what is sent on is measured too
        return checkLimits(scope, PayloadTemplate.evaluate(parameters, effective, bindings));
    }

    /**
     * Leaves a state that produced {@code result} (Task, Parallel, Map): ResultSelector shapes the result,
     * ResultPath places it into the state's input, OutputPath filters what goes on.
     */
    static void exitWithResult(Scope scope, Template resultSelector, String resultPath, JsonNode result) {
        if (JsonataStates.applies(scope.current())) {
            // JSONata: Output (default: the result) and Assign, both over $states.result
            ObjectNode states = JsonataStates.withResult(scope, result);
            Map<String, JsonNode> assigned = JsonataStates.assign(scope, scope.current().common().assign(), states);
            exit(scope, JsonataStates.output(scope, scope.current().common().output(), states, result), assigned);
            return;
        }
        Bindings bindings = scope.bindings();
        JsonNode selected = resultSelector == null ? result : PayloadTemplate.evaluate(resultSelector, result, bindings);
        Map<String, JsonNode> assigned = Assignments.evaluate(scope.current().common().assign(), selected, bindings);
        JsonNode combined = ResultPath.apply(resultPath, scope.stateInput(), selected);
        exit(scope, InputOutput.outputPath(scope.current().common().outputPath(), combined, bindings), assigned);
    }

    /** Leaves the current state for {@code next} (its Next, a Choice's pick, a Catch's Next). */
    public static void goTo(Scope scope, String next, JsonNode output, Map<String, JsonNode> assigned) {
        checkLimits(scope, output);
        scope.variables().assign(assigned, scope.execution().config().limits());
        recordExit(scope, output);
        scope.moveTo(next, output);
    }

    /**
     * What a state passes on is within the execution's payload size and nesting depth (States.DataLimitExceeded):
     * checked at each state's end, data can grow only so much before it is measured, and what the store and the
     * history write later, and the engine's recursive code walks, stays within what they handle.
     */
    static JsonNode checkLimits(Scope scope, JsonNode data) {
        scope.execution().config().limits().checkStateData(data, scope.current().name());
        return data;
    }

    private static void recordExit(Scope scope, JsonNode output) {
        State state = scope.current();
        scope.recordLazily(HistoryEventType.StateExited, exited(state.common().type()),
                EventDetails.stateExited(state.name(), output));
    }

    /**
     * A state type's StateEntered and StateExited event types ("PassStateEntered" and the like), made once per
     * type rather than once per event. The parser admits only these types.
     */
    private enum StateEventTypes {
        Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map;

        final String entered = name() + "StateEntered";
        final String exited = name() + "StateExited";
    }

    private static String entered(String type) {
        return StateEventTypes.valueOf(type).entered;
    }

    private static String exited(String type) {
        return StateEventTypes.valueOf(type).exited;
    }
}
