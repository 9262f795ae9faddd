package io.github.camelasl.teststate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import java.util.Locale;
import java.util.Set;

/**
 * AWS's TestState request, read and checked member by member: a member of the wrong type or out of range is a
 * ValidationException naming it, as AWS answers; JSON text that is not JSON is too (InvalidExecutionInput for
 * {@code input}, as StartExecution's).
 *
 * @param definition      the whole state machine (with {@code stateName}) or one state's JSON
 * @param input           the state's input ({} when absent)
 * @param variables       the workflow variables the state sees, by name (empty when absent)
 * @param context         the context object {@code $$} as given, or null for the one made up for the test
 * @param mock            the Task's (or Map's, Parallel's) mocked answer, or null to run it for real
 * @param configuration   stateConfiguration, never null (its members may be)
 */
public record TestStateRequest(String definition, String roleArn, JsonNode input, InspectionLevel inspectionLevel,
        boolean revealSecrets, ObjectNode variables, String stateName, Mock mock, ObjectNode context,
        Configuration configuration) {

    /** How much of the state's dataflow the answer shows (AWS's inspectionLevel). */
    public enum InspectionLevel { INFO, DEBUG, TRACE }

    /**
     * AWS's MockInput: exactly one of {@code result} (the Task's answer, JSON) and an error.
     *
     * @param fieldValidationMode STRICT, PRESENT or NONE (AWS checks a mocked result against the service API's
     *                            response shape; this engine knows no such shapes, so only that it is JSON is checked)
     */
    public record Mock(JsonNode result, String error, String cause, String fieldValidationMode) {

        public boolean failing() {
            return result == null;
        }
    }

    /** AWS's TestStateConfiguration; each member is null when not given. */
    public record Configuration(Integer retrierRetryCount, String errorCausedByState, Integer mapIterationFailureCount,
            String mapItemReaderData) {
    }

    private static final Set<String> VALIDATION_MODES = Set.of("STRICT", "PRESENT", "NONE");

    /** Reads AWS's JSON request (the API server's body). */
    public static TestStateRequest read(JsonNode request) {
        String definition = text(request, "definition");
        if (definition == null || definition.isEmpty()) {
            throw validation("definition", "Member must not be null");
        }
        String inputText = text(request, "input");
        JsonNode input;
        try {
            input = inputText == null ? Json.NODES.objectNode() : Json.parse(inputText);
        } catch (JsonProcessingException e) {
            throw new AslError("InvalidExecutionInput", "Invalid State Machine Execution Input: '"
                    + e.getOriginalMessage() + "'");
        }
        String level = text(request, "inspectionLevel");
        InspectionLevel inspectionLevel = InspectionLevel.INFO;
        if (level != null) {
            try {
                inspectionLevel = InspectionLevel.valueOf(level);
            } catch (IllegalArgumentException e) {
                throw validation("inspectionLevel", "Member must satisfy enum value set: [INFO, DEBUG, TRACE]");
            }
        }
        JsonNode reveal = request.get("revealSecrets");
        if (reveal != null && !reveal.isNull() && !reveal.isBoolean()) {
            throw validation("revealSecrets", "must be a boolean, but was " + type(reveal));
        }
        String stateName = text(request, "stateName");
        if (stateName != null && (stateName.isEmpty() || stateName.length() > 80)) {
            throw validation("stateName", "Member must have length between 1 and 80");
        }
        String roleArn = text(request, "roleArn");
        if (roleArn != null && !roleArn.matches("arn:[^:]+:iam::[^:]*:role/.+")) {
            throw new AslError("InvalidArn", "Invalid Arn: '" + roleArn + "'");
        }
        ObjectNode variables = jsonObject(request, "variables");
        return new TestStateRequest(definition, roleArn, input, inspectionLevel,
                reveal != null && reveal.booleanValue(), variables == null ? Json.NODES.objectNode() : variables,
                stateName, mock(request.get("mock")), jsonObject(request, "context"),
                configuration(request.get("stateConfiguration")));
    }

    private static Mock mock(JsonNode mock) {
        if (mock == null || mock.isNull()) {
            return null;
        }
        if (!mock.isObject()) {
            throw validation("mock", "must be an object, but was " + type(mock));
        }
        String resultText = text(mock, "result", "mock.result");
        JsonNode errorOutput = mock.get("errorOutput");
        boolean failing = errorOutput != null && !errorOutput.isNull();
        if ((resultText == null) == !failing) {
            throw new AslError("ValidationException",
                    "A test mock should have only one of the following fields: [result, errorOutput].");
        }
        String mode = text(mock, "fieldValidationMode", "mock.fieldValidationMode");
        if (mode != null && !VALIDATION_MODES.contains(mode)) {
            throw validation("mock.fieldValidationMode", "Member must satisfy enum value set: [STRICT, PRESENT, NONE]");
        }
        if (failing) {
            if (!errorOutput.isObject()) {
                throw validation("mock.errorOutput", "must be an object, but was " + type(errorOutput));
            }
            return new Mock(null, text(errorOutput, "error", "mock.errorOutput.error"),
                    text(errorOutput, "cause", "mock.errorOutput.cause"), mode == null ? "STRICT" : mode);
        }
        try {
            return new Mock(Json.parse(resultText), null, null, mode == null ? "STRICT" : mode);
        } catch (JsonProcessingException e) {
            throw new AslError("ValidationException", "Mocked result must be valid JSON");
        }
    }

    private static Configuration configuration(JsonNode configuration) {
        if (configuration == null || configuration.isNull()) {
            return new Configuration(null, null, null, null);
        }
        if (!configuration.isObject()) {
            throw validation("stateConfiguration", "must be an object, but was " + type(configuration));
        }
        String causedBy = text(configuration, "errorCausedByState", "stateConfiguration.errorCausedByState");
        if (causedBy != null && (causedBy.isEmpty() || causedBy.length() > 80)) {
            throw validation("stateConfiguration.errorCausedByState", "Member must have length between 1 and 80");
        }
        String readerData = text(configuration, "mapItemReaderData", "stateConfiguration.mapItemReaderData");
        if (readerData != null && readerData.length() > 262_144) {
            throw validation("stateConfiguration.mapItemReaderData", "Member must have length less than or equal "
                    + "to 262144");
        }
        return new Configuration(count(configuration, "retrierRetryCount"), causedBy,
                count(configuration, "mapIterationFailureCount"), readerData);
    }

    private static Integer count(JsonNode configuration, String member) {
        JsonNode value = configuration.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw validation("stateConfiguration." + member, "must be an integer, but was " + Json.write(value));
        }
        if (value.intValue() < 0) {
            throw validation("stateConfiguration." + member, "Member must have value greater than or equal to 0");
        }
        return value.intValue();
    }

    /** A member holding JSON text of an object (variables, context), parsed; null when absent. */
    private static ObjectNode jsonObject(JsonNode request, String member) {
        String text = text(request, member);
        if (text == null) {
            return null;
        }
        JsonNode parsed;
        try {
            parsed = Json.parse(text);
        } catch (JsonProcessingException e) {
            throw validation(member, "must be JSON text: " + e.getOriginalMessage());
        }
        if (!parsed.isObject()) {
            throw validation(member, "must be the JSON text of an object, but was " + type(parsed));
        }
        return (ObjectNode) parsed;
    }

    private static String text(JsonNode request, String member) {
        return text(request, member, member);
    }

    private static String text(JsonNode object, String member, String named) {
        JsonNode value = object.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw validation(named, "must be a string, but was " + type(value));
        }
        return value.textValue();
    }

    private static String type(JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** AWS's wording: "1 validation error detected: Value at 'member' failed to satisfy constraint: ...". */
    static AslError validation(String member, String constraint) {
        return new AslError("ValidationException", "1 validation error detected: Value at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }
}
