package io.github.camelasl.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Bindings;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.validation.DefinitionValidator;
import io.github.camelasl.validation.Diagnostic;
import io.github.camelasl.validation.ValidationOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One fuzz input as the targets read it: UTF-8 text whose first line is the thing under test (a path, an
 * expression, a template) and whose rest is the data it runs on (JSON; text that is not JSON becomes a JSON string),
 * so that seed files are readable and written by hand. Also what the targets share: the bindings an execution
 * gives ($$ and one variable), the validator as the gate a definition passes before it runs, and the check that a
 * failure is an ASL error.
 */
record FuzzInput(String head, JsonNode data) {

    /** The variable every target binds: {@code $item} is the data too, so variable paths reach real values. */
    static final String VARIABLE = "item";

    private static final JsonNode CONTEXT = parseOrText("""
            {"Execution": {"Id": "arn:aws:states:us-east-1:123456789012:execution:fuzz:run-1", "Name": "run-1",
                           "Input": {"k": "v"}, "StartTime": "2024-01-01T00:00:00.000Z"},
             "StateMachine": {"Id": "arn:aws:states:us-east-1:123456789012:stateMachine:fuzz", "Name": "fuzz"},
             "State": {"Name": "S", "EnteredTime": "2024-01-01T00:00:00.000Z", "RetryCount": 0},
             "Map": {"Item": {"Index": 0, "Value": {"a": 1}}}}
            """);

    static FuzzInput of(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        return newline < 0 ? new FuzzInput(text, Json.NODES.objectNode())
                : new FuzzInput(text.substring(0, newline), parseOrText(text.substring(newline + 1)));
    }

    static JsonNode context() {
        return CONTEXT;
    }

    Bindings bindings() {
        return new Bindings(CONTEXT, name -> VARIABLE.equals(name) ? data : null);
    }

    /** The head parsed as JSON, or null when it is not JSON. */
    JsonNode headJson() {
        try {
            return Json.parse(head);
        } catch (Exception notJson) {
            return null;
        }
    }

    /** True when the validator accepts the definition: only then does the engine run what it holds. */
    static boolean valid(ObjectNode definition) {
        List<Diagnostic> problems = DefinitionValidator.validate(definition, ValidationOptions.defaults());
        return problems.stream().noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }

    /** A one-state machine: {@code {"StartAt": "S", "States": {"S": state}}}. */
    static ObjectNode machine(ObjectNode state) {
        ObjectNode definition = Json.NODES.objectNode();
        definition.put("StartAt", "S");
        definition.putObject("States").set("S", state);
        return definition;
    }

    /** A failure as the engine documents it: an ASL error name and a cause that says what went wrong. */
    static void assertAslError(AslError error, String... allowedNames) {
        assertNotNull(error.error(), "an ASL error name");
        assertTrue(List.of(allowedNames).contains(error.error()),
                () -> "unexpected ASL error " + error.error() + ": " + error.cause());
        assertNotNull(error.cause(), "a cause");
        assertFalse(error.cause().isBlank(), "a cause");
    }

    /** What the engine does with a Task's reply: JSON when it parses (any other exception is a finding), else text. */
    private static JsonNode parseOrText(String text) {
        try {
            JsonNode json = Json.parse(text);
            return json == null || json.isMissingNode() ? Json.NODES.textNode(text) : json;
        } catch (JsonProcessingException notJson) {
            return Json.NODES.textNode(text);
        }
    }
}
