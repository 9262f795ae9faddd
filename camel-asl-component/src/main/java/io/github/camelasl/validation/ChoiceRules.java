package io.github.camelasl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.model.QueryLanguage;
import io.github.camelasl.validation.Schema.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Choice rules. A JSONPath rule is a comparison (Variable and exactly one operator with an operand of the
 * operator's type) or a combination (And/Or with a non-empty list of rules, Not with one rule); only
 * top-level rules carry Next. A JSONata rule is a Condition and a Next.
 */
final class ChoiceRules {

    private static final List<String> COMBINATIONS = List.of("And", "Or", "Not");
    private static final List<String> JSONATA_ONLY = List.of("Condition", "Output");

    private ChoiceRules() {
    }

    static void check(StateContext state) {
        JsonNode choices = state.field("Choices");
        if (choices == null) {
            return;
        }
        if (choices.isEmpty()) {
            state.problems().schema(Problems.nonEmpty("Choices"), state.at("Choices"));
        }
        for (int i = 0; i < choices.size(); i++) {
            String pointer = Locations.element(state.at("Choices"), i);
            if (state.jsonata()) {
                jsonataRule(choices.get(i), pointer, state.problems());
            } else {
                rule(choices.get(i), pointer, true, state.problems());
            }
        }
    }

    private static void jsonataRule(JsonNode rule, String pointer, Problems problems) {
        if (!rule.isObject()) {
            problems.schema(Problems.expectedType(Kind.OBJECT), pointer);
            return;
        }
        Map<String, JsonNode> fields = StructureRules.checkObject(rule, pointer, Schema.JSONATA_CHOICE_RULE,
                QueryLanguage.JSONata, true, problems);
        for (String name : List.of("Condition", "Assign", "Output")) {
            JsonNode value = fields.get(name);
            if (value != null) {
                DataFlowRules.jsonataValue(value, Locations.field(pointer, name), problems);
            }
        }
        if (fields.get("Assign") != null) {
            DataFlowRules.variableNames(fields.get("Assign"), Locations.field(pointer, "Assign"),
                    QueryLanguage.JSONata, problems);
        }
    }

    private static void rule(JsonNode rule, String pointer, boolean topLevel, Problems problems) {
        if (!rule.isObject()) {
            problems.schema(Problems.expectedType(Kind.OBJECT), pointer);
            return;
        }
        List<String> operators = new ArrayList<>();
        rule.fields().forEachRemaining(entry -> {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            String location = Locations.field(pointer, key);
            if (Schema.CHOICE_OPERATORS.containsKey(key)) {
                operators.add(key);
                operand(key, value, location, problems);
            } else if (COMBINATIONS.contains(key)) {
                operators.add(key);
                combination(key, value, location, problems);
            } else if (key.equals("Variable")) {
                if (!value.isTextual()) {
                    problems.schema(Problems.expectedType(Kind.STRING), location);
                } else if (!Paths.isPath(value.asText())) {
                    problems.schema(Problems.invalidPath(key), location);
                }
            } else if (key.equals("Comment") || (topLevel && key.equals("Next"))) {
                if (!value.isTextual()) {
                    problems.schema(Problems.expectedType(Kind.STRING), location);
                }
            } else if (topLevel && key.equals("Assign")) {
                if (!value.isObject()) {
                    problems.schema(Problems.expectedType(Kind.OBJECT), location);
                } else {
                    DataFlowRules.template(value, location, problems);
                    DataFlowRules.variableNames(value, location, QueryLanguage.JSONPath, problems);
                }
            } else if (JSONATA_ONLY.contains(key)) {
                problems.schema(Problems.otherLanguage("JSONPath", key, "JSONata"), Locations.of(pointer));
            } else {
                problems.schema(Problems.notSupported(key), Locations.of(pointer));
            }
        });
        if (topLevel && !rule.has("Next")) {
            problems.schema(Problems.required(List.of("Next")), pointer);
        }
        if (operators.size() != 1) {
            problems.schema(Problems.choiceRuleWithoutComparison(), pointer);
        } else if (COMBINATIONS.contains(operators.get(0))) {
            if (rule.has("Variable")) {
                problems.schema(Problems.notSupported("Variable"), pointer);
            }
        } else if (!rule.has("Variable")) {
            problems.schema(Problems.required(List.of("Variable")), pointer);
        }
    }

    private static void operand(String operator, JsonNode value, String location, Problems problems) {
        Kind kind = Schema.CHOICE_OPERATORS.get(operator);
        if (!StructureRules.hasKind(value, kind)) {
            problems.schema(Problems.expectedType(kind), location);
        } else if (operator.endsWith("Path") && !Paths.isReferencePath(value.asText())) {
            problems.schema(Problems.invalidReferencePath(operator), location);
        }
    }

    /** And/Or: a non-empty list of nested rules; Not: one nested rule. */
    private static void combination(String operator, JsonNode value, String location, Problems problems) {
        if (operator.equals("Not")) {
            rule(value, location, false, problems);
            return;
        }
        if (!value.isArray()) {
            problems.schema(Problems.expectedType(Kind.ARRAY), location);
            return;
        }
        if (value.isEmpty()) {
            problems.schema(Problems.nonEmpty(operator), location);
        }
        for (int i = 0; i < value.size(); i++) {
            rule(value.get(i), Locations.element(location, i), false, problems);
        }
    }
}
