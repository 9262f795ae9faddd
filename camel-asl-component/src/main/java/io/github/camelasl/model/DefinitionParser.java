package io.github.camelasl.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the typed model from a definition's JSON. It expects a definition that passed
 * {@code io.github.camelasl.validation.DefinitionValidator}: it does not report problems, it only reads.
 */
public final class DefinitionParser {

    private DefinitionParser() {
    }

    public static StateMachine parse(JsonNode definition) {
        QueryLanguage language = QueryLanguage.parse(text(definition, "QueryLanguage"), QueryLanguage.JSONPath);
        return machine(definition, "", language);
    }

    /**
     * @param inherited the top-level machine's language: states of nested machines (branches, item processors)
     *                  inherit it, not the language of the Parallel or Map state that holds them (as AWS does)
     */
    static StateMachine machine(JsonNode node, String pointer, QueryLanguage inherited) {
        QueryLanguage language = QueryLanguage.parse(text(node, "QueryLanguage"), inherited);
        Map<String, State> states = new LinkedHashMap<>();
        JsonNode statesNode = node.path("States");
        statesNode.fields().forEachRemaining(e -> states.put(e.getKey(),
                state(e.getKey(), e.getValue(), pointer + "/States/" + escape(e.getKey()), language)));
        Integer timeout = node.has("TimeoutSeconds") && node.get("TimeoutSeconds").canConvertToInt()
                ? node.get("TimeoutSeconds").intValue() : null;
        return new StateMachine(pointer, text(node, "Comment"), text(node, "StartAt"),
                Collections.unmodifiableMap(states), timeout, text(node, "Version"), language);
    }

    static State state(String name, JsonNode n, String pointer, QueryLanguage inherited) {
        QueryLanguage language = QueryLanguage.parse(text(n, "QueryLanguage"), inherited);
        String type = text(n, "Type");
        StateCommon common = new StateCommon(name, pointer, type, text(n, "Comment"), language,
                path(n, "InputPath"), path(n, "OutputPath"), text(n, "Next"), n.path("End").asBoolean(false),
                n.get("Assign"), n.get("Output"));
        return switch (type) {
            case "Pass" -> new PassState(common, n.get("Result"), Template.parse(n.get("Parameters")), path(n, "ResultPath"));
            case "Task" -> new TaskState(common, text(n, "Resource"), Template.parse(n.get("Parameters")),
                    n.get("Arguments"), Template.parse(n.get("ResultSelector")), path(n, "ResultPath"), n.get("TimeoutSeconds"),
                    text(n, "TimeoutSecondsPath"), n.get("HeartbeatSeconds"), text(n, "HeartbeatSecondsPath"),
                    n.get("Credentials"), retriers(n), catchers(n));
            case "Choice" -> new ChoiceState(common, choices(n.path("Choices")), text(n, "Default"));
            case "Wait" -> new WaitState(common, n.get("Seconds"), text(n, "SecondsPath"), n.get("Timestamp"),
                    text(n, "TimestampPath"));
            case "Succeed" -> new SucceedState(common);
            case "Fail" -> new FailState(common, n.get("Error"), text(n, "ErrorPath"), n.get("Cause"),
                    text(n, "CausePath"));
            case "Parallel" -> parallel(n, common, pointer, inherited);
            case "Map" -> map(n, common, pointer, inherited);
            default -> throw new IllegalArgumentException("unknown state type '" + type + "' at " + pointer);
        };
    }

    private static ParallelState parallel(JsonNode n, StateCommon common, String pointer, QueryLanguage machineLanguage) {
        List<StateMachine> branches = new ArrayList<>();
        JsonNode b = n.path("Branches");
        for (int i = 0; i < b.size(); i++) {
            branches.add(machine(b.get(i), pointer + "/Branches/" + i, machineLanguage));
        }
        return new ParallelState(common, List.copyOf(branches), Template.parse(n.get("Parameters")),
                n.get("Arguments"), Template.parse(n.get("ResultSelector")), path(n, "ResultPath"), retriers(n), catchers(n));
    }

    private static MapState map(JsonNode n, StateCommon common, String pointer, QueryLanguage machineLanguage) {
        String processorField = n.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
        JsonNode processor = n.path(processorField);
        JsonNode config = processor.path("ProcessorConfig");
        StateMachine itemProcessor = machine(processor, pointer + "/" + processorField, machineLanguage);
        Template selector = Template.parse(n.has("ItemSelector") ? n.get("ItemSelector") : n.get("Parameters"));
        return new MapState(common, itemProcessor, config.path("Mode").asText("INLINE"),
                text(config, "ExecutionType"), path(n, "ItemsPath"), n.get("Items"), selector,
                n.get("MaxConcurrency"), text(n, "MaxConcurrencyPath"), n.get("ToleratedFailureCount"),
                text(n, "ToleratedFailureCountPath"), n.get("ToleratedFailurePercentage"),
                text(n, "ToleratedFailurePercentagePath"), n.get("ItemReader"), n.get("ItemBatcher"),
                n.get("ResultWriter"), text(n, "Label"), n.get("Arguments"), Template.parse(n.get("ResultSelector")),
                path(n, "ResultPath"), retriers(n), catchers(n));
    }

    private static List<ChoiceRule.TopLevel> choices(JsonNode array) {
        List<ChoiceRule.TopLevel> list = new ArrayList<>();
        for (JsonNode c : array) {
            list.add(new ChoiceRule.TopLevel(rule(c), text(c, "Next"), c.get("Assign"), c.get("Output")));
        }
        return List.copyOf(list);
    }

    /** Reads one rule; the top-level fields (Next, Assign, Output, Comment) are not part of the condition. */
    static ChoiceRule rule(JsonNode c) {
        if (c.has("Condition")) {
            return new ChoiceRule.Condition(c.get("Condition"));
        }
        if (c.has("And")) {
            return new ChoiceRule.And(rules(c.get("And")));
        }
        if (c.has("Or")) {
            return new ChoiceRule.Or(rules(c.get("Or")));
        }
        if (c.has("Not")) {
            return new ChoiceRule.Not(rule(c.get("Not")));
        }
        var it = c.fields();
        while (it.hasNext()) {
            var e = it.next();
            String key = e.getKey();
            if (!key.equals("Variable") && !key.equals("Next") && !key.equals("Comment") && !key.equals("Assign")
                    && !key.equals("Output")) {
                return new ChoiceRule.Comparison(text(c, "Variable"), key, e.getValue());
            }
        }
        throw new IllegalArgumentException("choice rule without a comparison: " + c);
    }

    private static List<ChoiceRule> rules(JsonNode array) {
        List<ChoiceRule> list = new ArrayList<>();
        for (JsonNode c : array) {
            list.add(rule(c));
        }
        return List.copyOf(list);
    }

    private static List<Retrier> retriers(JsonNode n) {
        List<Retrier> list = new ArrayList<>();
        for (JsonNode r : n.path("Retry")) {
            list.add(new Retrier(strings(r.path("ErrorEquals")),
                    r.has("IntervalSeconds") ? r.get("IntervalSeconds").decimalValue() : BigDecimal.ONE,
                    r.has("MaxAttempts") ? r.get("MaxAttempts").intValue() : 3,
                    r.has("BackoffRate") ? r.get("BackoffRate").decimalValue() : BigDecimal.valueOf(2),
                    r.has("MaxDelaySeconds") ? r.get("MaxDelaySeconds").intValue() : null,
                    "FULL".equals(text(r, "JitterStrategy")) ? Retrier.JitterStrategy.FULL
                            : Retrier.JitterStrategy.NONE));
        }
        return List.copyOf(list);
    }

    private static List<Catcher> catchers(JsonNode n) {
        List<Catcher> list = new ArrayList<>();
        for (JsonNode c : n.path("Catch")) {
            list.add(new Catcher(strings(c.path("ErrorEquals")), text(c, "Next"), path(c, "ResultPath"),
                    c.get("Assign"), c.get("Output")));
        }
        return List.copyOf(list);
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(s -> list.add(s.asText()));
        return List.copyOf(list);
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A path field: "$" when absent, null when explicitly JSON null. */
    static String path(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) {
            return "$";
        }
        return v.isNull() ? null : v.asText();
    }

    /** Escapes a key for use in a JSON pointer (RFC 6901). */
    public static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
