package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.InputOutput;
import io.github.camelasl.model.ChoiceRule;
import io.github.camelasl.model.ChoiceState;

/**
 * Choice: the route is Camel's content-based router, one {@code when} per rule; this class gives it the
 * effective input, the predicate for a rule, and the transitions.
 */
public final class ChoiceStep {

    private ChoiceStep() {
    }

    /** Enters the state and computes the input the rules read. */
    public static void prepare(Scope scope) {
        Transitions.enter(scope);
        scope.effectiveInput(InputOutput.inputPath(scope.current().common().inputPath(), scope.stateInput(),
                scope.contextObject()));
    }

    public static boolean matches(Scope scope, ChoiceRule rule) {
        return ChoiceRules.matches(rule, scope.effectiveInput(), scope.contextObject());
    }

    /** Goes to {@code next}, passing the effective input through OutputPath. */
    public static void choose(Scope scope, String next) {
        JsonNode output = InputOutput.outputPath(scope.current().common().outputPath(), scope.effectiveInput(),
                scope.contextObject());
        Transitions.goTo(scope, next, output);
    }

    /** No rule matched: Default, or States.NoChoiceMatched. */
    public static void otherwise(Scope scope) {
        ChoiceState state = (ChoiceState) scope.current();
        if (state.defaultState() == null) {
            throw new AslError(ErrorNames.NO_CHOICE_MATCHED,
                    "No Matches! for state '" + state.name() + "'");
        }
        choose(scope, state.defaultState());
    }
}
