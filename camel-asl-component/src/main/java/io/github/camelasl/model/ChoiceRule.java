package io.github.camelasl.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A Choice rule: a comparison, a boolean combination, or (JSONata) a Condition. */
public sealed interface ChoiceRule {

    /** A top-level rule: the condition and where it leads. */
    record TopLevel(ChoiceRule rule, String next, JsonNode assign, JsonNode output) {
    }

    record And(List<ChoiceRule> rules) implements ChoiceRule {
    }

    record Or(List<ChoiceRule> rules) implements ChoiceRule {
    }

    record Not(ChoiceRule rule) implements ChoiceRule {
    }

    /**
     * {@code Variable} compared by {@code operator} (for example NumericEquals, StringMatches, IsPresent).
     * When {@code operator} ends in "Path" the value is a path whose target is compared (operator keeps its
     * full name).
     */
    record Comparison(String variable, String operator, JsonNode value) implements ChoiceRule {
        public boolean valueIsPath() {
            return operator.endsWith("Path") && !operator.equals("SecondsPath");
        }
    }

    /** JSONata Condition: a {@code {% ... %}} expression or a literal boolean. */
    record Condition(JsonNode condition) implements ChoiceRule {
    }
}
