package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.jsonata.ExpectedType;
import io.github.camelasl.dataflow.Bindings;
import io.github.camelasl.dataflow.InputOutput;
import io.github.camelasl.model.ChoiceRule;
import io.github.camelasl.model.ChoiceState;
import java.util.Map;

/** Choice: the first rule that matches the effective input decides the next state, else Default. */
public final class ChoiceStep {

    private ChoiceStep() {
    }

    static void run(Scope scope) {
        prepare(scope);
        java.util.List<ChoiceRule.TopLevel> rules = ((ChoiceState) scope.current()).choices();
        for (int i = 0; i < rules.size(); i++) {
            if (matches(scope, rules.get(i).rule())) {
                decided(scope, i);
                choose(scope, rules.get(i));
                return;
            }
        }
        otherwise(scope);
    }

    /** Enters the state and computes the input the rules read. */
    private static void prepare(Scope scope) {
        Transitions.enter(scope);
        if (JsonataStates.applies(scope.current())) {
            scope.effectiveInput(scope.stateInput());
            return;
        }
        scope.effectiveInput(InputOutput.inputPath(scope.current().common().inputPath(), scope.stateInput(),
                scope.bindings()));
    }

    private static boolean matches(Scope scope, ChoiceRule rule) {
        if (rule instanceof ChoiceRule.Condition condition) {
            return JsonataStates.value(scope, condition.condition(), JsonataStates.states(scope), "Condition",
                    ExpectedType.BOOLEAN).booleanValue();
        }
        return ChoiceRules.matches(rule, scope.effectiveInput(), scope.bindings());
    }

    /** A rule matched: goes to its Next with its Assign, passing the effective input through OutputPath. */
    private static void choose(Scope scope, ChoiceRule.TopLevel rule) {
        choose(scope, rule.next(), rule.assign(), rule.output());
    }

    /** @param jsonataOutput the rule's (or for Default the state's) Output, in the JSONata dialect */
    private static void choose(Scope scope, String next, JsonNode assign, JsonNode jsonataOutput) {
        if (JsonataStates.applies(scope.current())) {
            ObjectNode states = JsonataStates.states(scope);
            Map<String, JsonNode> assigned = JsonataStates.assign(scope, assign, states);
            Transitions.goTo(scope, next, JsonataStates.output(scope, jsonataOutput, states, scope.stateInput()),
                    assigned);
            return;
        }
        Bindings bindings = scope.bindings();
        Map<String, JsonNode> assigned = Assignments.evaluate(assign, scope.effectiveInput(), bindings);
        JsonNode output = InputOutput.outputPath(scope.current().common().outputPath(), scope.effectiveInput(),
                bindings);
        Transitions.goTo(scope, next, output, assigned);
    }

    /** No rule matched: Default (with the state's Assign), or States.NoChoiceMatched. */
    private static void otherwise(Scope scope) {
        ChoiceState state = (ChoiceState) scope.current();
        if (state.defaultState() == null) {
            throw new AslError(ErrorNames.NO_CHOICE_MATCHED,
                    "No Matches! for state '" + state.name() + "'");
        }
        decided(scope, -1);
        choose(scope, state.defaultState(), state.common().assign(), state.common().output());
    }

    /** Tells the observers (path coverage) which rule decided, -1 for Default. */
    private static void decided(Scope scope, int ruleIndex) {
        Execution execution = scope.execution();
        execution.observers().choiceRuleMatched(execution.arn(), scope.current().name(), ruleIndex);
    }
}
