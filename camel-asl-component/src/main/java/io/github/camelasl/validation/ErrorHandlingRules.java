package io.github.camelasl.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Retry and Catch: the shape of each entry, their numbers, and where States.ALL may appear. */
final class ErrorHandlingRules {

    private static final String STATES_ALL = "States.ALL";

    /** AWS's upper bounds: IntervalSeconds and MaxAttempts, and MaxDelaySeconds (a year). */
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(99_999_999);
    private static final BigDecimal MAX_DELAY_SECONDS = BigDecimal.valueOf(31_622_400);

    private ErrorHandlingRules() {
    }

    static void check(StateContext state) {
        JsonNode retry = state.field("Retry");
        if (retry != null) {
            for (int i = 0; i < retry.size(); i++) {
                retrier(state, retry.get(i), Locations.element(state.at("Retry"), i), i == retry.size() - 1);
            }
        }
        JsonNode catchers = state.field("Catch");
        if (catchers != null) {
            for (int i = 0; i < catchers.size(); i++) {
                catcher(state, catchers.get(i), Locations.element(state.at("Catch"), i), i == catchers.size() - 1);
            }
        }
    }

    private static void retrier(StateContext state, JsonNode entry, String pointer, boolean last) {
        Problems problems = state.problems();
        if (!entry.isObject()) {
            problems.schema(Problems.expectedType(Schema.Kind.OBJECT), pointer);
            return;
        }
        Map<String, JsonNode> fields =
                StructureRules.checkObject(entry, pointer, Schema.RETRIER, state.language(), true, problems);
        errorEquals(fields.get("ErrorEquals"), pointer, "Retry", last, problems);
        StructureRules.checkRange(fields, "IntervalSeconds", BigDecimal.ONE, MAX_SECONDS, pointer, problems);
        StructureRules.checkRange(fields, "MaxAttempts", BigDecimal.ZERO, MAX_SECONDS, pointer, problems);
        StructureRules.checkRange(fields, "BackoffRate", BigDecimal.ONE, null, pointer, problems);
        StructureRules.checkRange(fields, "MaxDelaySeconds", BigDecimal.ONE, MAX_DELAY_SECONDS, pointer, problems);
        StructureRules.checkEnum(fields, "JitterStrategy", List.of("FULL", "NONE"), pointer, problems);
    }

    private static void catcher(StateContext state, JsonNode entry, String pointer, boolean last) {
        Problems problems = state.problems();
        if (!entry.isObject()) {
            problems.schema(Problems.expectedType(Schema.Kind.OBJECT), pointer);
            return;
        }
        Map<String, JsonNode> fields =
                StructureRules.checkObject(entry, pointer, Schema.CATCHER, state.language(), true, problems);
        errorEquals(fields.get("ErrorEquals"), pointer, "Catch", last, problems);
        DataFlowRules.resultPath(fields.get("ResultPath"), Locations.field(pointer, "ResultPath"), problems);
        JsonNode assign = fields.get("Assign");
        if (assign != null) {
            DataFlowRules.payload(assign, Locations.field(pointer, "Assign"), state.language(), problems);
            DataFlowRules.variableNames(assign, Locations.field(pointer, "Assign"), state.language(), problems);
        }
        JsonNode output = fields.get("Output");
        if (output != null) {
            DataFlowRules.jsonataValue(output, Locations.field(pointer, "Output"), problems);
        }
    }

    /** ErrorEquals: a non-empty list of error names, where States.ALL stands alone in the last entry. */
    private static void errorEquals(JsonNode errors, String pointer, String owner, boolean last, Problems problems) {
        if (errors == null) {
            return;
        }
        String location = Locations.field(pointer, "ErrorEquals");
        if (errors.isEmpty()) {
            problems.schema(Problems.nonEmpty("ErrorEquals"), location);
            return;
        }
        boolean hasAll = false;
        for (int i = 0; i < errors.size(); i++) {
            JsonNode error = errors.get(i);
            if (!error.isTextual()) {
                problems.schema(Problems.expectedType(Schema.Kind.STRING), Locations.element(location, i));
            } else if (STATES_ALL.equals(error.asText())) {
                hasAll = true;
            }
        }
        if (hasAll && errors.size() > 1) {
            problems.schema(Problems.statesAllNotAlone(), location);
        }
        if (hasAll && !last) {
            problems.schema(Problems.statesAllNotLast(owner), location);
        }
    }
}
