package io.github.camelasl.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every field that holds a path is read as a whole when the definition is validated: a malformed path is a
 * SCHEMA_VALIDATION_FAILED at that field, never something the run reads differently or refuses later. AWS's
 * wording ("The value for the field '...' must be a valid JSONPath ...") is recorded in the corpus case
 * {@code scenarios_test_base_scenarios.TestBaseScenarios.test_illegal_escapes[ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION]__exception}
 * of {@code ../shared/conformance/validation}.
 */
class PathFieldsTest {

    /** A state with one path field set to %s, and where the problem is reported. */
    private record PathField(String state, String location) {
    }

    private static final List<PathField> FIELDS = List.of(
            new PathField("{\"Type\": \"Pass\", \"InputPath\": %s, \"End\": true}", "/States/S/InputPath"),
            new PathField("{\"Type\": \"Pass\", \"OutputPath\": %s, \"End\": true}", "/States/S/OutputPath"),
            new PathField("{\"Type\": \"Pass\", \"ResultPath\": %s, \"End\": true}", "/States/S/ResultPath"),
            new PathField("{\"Type\": \"Pass\", \"Parameters\": {\"x.$\": %s}, \"End\": true}", "/States/S/Parameters"),
            new PathField("{\"Type\": \"Task\", \"Resource\": \"direct:t\", \"ResultSelector\": {\"x.$\": %s}, "
                    + "\"End\": true}", "/States/S/ResultSelector"),
            new PathField("{\"Type\": \"Task\", \"Resource\": \"direct:t\", \"TimeoutSecondsPath\": %s, \"End\": true}",
                    "/States/S/TimeoutSecondsPath"),
            new PathField("{\"Type\": \"Task\", \"Resource\": \"direct:t\", \"HeartbeatSecondsPath\": %s, "
                    + "\"End\": true}", "/States/S/HeartbeatSecondsPath"),
            new PathField("{\"Type\": \"Task\", \"Resource\": \"direct:t\", \"End\": true, \"Catch\": [{\"ErrorEquals\": "
                    + "[\"States.ALL\"], \"ResultPath\": %s, \"Next\": \"S\"}]}", "/States/S/Catch[0]/ResultPath"),
            new PathField("{\"Type\": \"Wait\", \"SecondsPath\": %s, \"End\": true}", "/States/S/SecondsPath"),
            new PathField("{\"Type\": \"Wait\", \"TimestampPath\": %s, \"End\": true}", "/States/S/TimestampPath"),
            new PathField("{\"Type\": \"Fail\", \"ErrorPath\": %s}", "/States/S/ErrorPath"),
            new PathField("{\"Type\": \"Fail\", \"CausePath\": %s}", "/States/S/CausePath"),
            new PathField("{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": %s, \"IsPresent\": true, \"Next\": \"D\"}],"
                    + " \"Default\": \"D\"}", "/States/S/Choices[0]/Variable"),
            new PathField("{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.a\", \"StringEqualsPath\": %s, "
                    + "\"Next\": \"D\"}], \"Default\": \"D\"}", "/States/S/Choices[0]/StringEqualsPath"),
            new PathField(map("\"ItemsPath\": %s"), "/States/S/ItemsPath"),
            new PathField(map("\"MaxConcurrencyPath\": %s"), "/States/S/MaxConcurrencyPath"),
            new PathField(map("\"ToleratedFailureCountPath\": %s"), "/States/S/ToleratedFailureCountPath"),
            new PathField(map("\"ToleratedFailurePercentagePath\": %s"), "/States/S/ToleratedFailurePercentagePath"),
            new PathField(map("\"ItemSelector\": {\"x.$\": %s}"), "/States/S/ItemSelector"),
            new PathField(map("\"ItemReader\": {\"Resource\": \"direct:r\", \"ReaderConfig\": {\"InputType\": \"JSON\", "
                    + "\"MaxItemsPath\": %s}}"), "/States/S/ItemReader/ReaderConfig/MaxItemsPath"),
            new PathField(map("\"ItemBatcher\": {\"MaxItemsPerBatchPath\": %s}"),
                    "/States/S/ItemBatcher/MaxItemsPerBatchPath"),
            new PathField(map("\"ItemBatcher\": {\"MaxInputBytesPerBatchPath\": %s}"),
                    "/States/S/ItemBatcher/MaxInputBytesPerBatchPath"),
            new PathField(map("\"ItemBatcher\": {\"MaxItemsPerBatch\": 2, \"BatchInput\": {\"x.$\": %s}}"),
                    "/States/S/ItemBatcher/BatchInput"),
            new PathField(map("\"ItemReader\": {\"Resource\": \"direct:r\", \"ReaderConfig\": {\"InputType\": \"JSON\"}, "
                    + "\"Parameters\": {\"x.$\": %s}}"), "/States/S/ItemReader/Parameters"),
            new PathField("{\"Type\": \"Pass\", \"Assign\": {\"x.$\": %s}, \"End\": true}", "/States/S/Assign"),
            new PathField("{\"Type\": \"Task\", \"Resource\": \"direct:t\", \"End\": true, \"Catch\": [{\"ErrorEquals\": "
                    + "[\"States.ALL\"], \"Assign\": {\"x.$\": %s}, \"Next\": \"S\"}]}", "/States/S/Catch[0]/Assign"),
            new PathField("{\"Type\": \"Task\", \"Resource\": \"direct:t\", \"Credentials\": {\"RoleArn.$\": %s}, "
                    + "\"End\": true}", "/States/S/Credentials"));

    private static String map(String field) {
        return "{\"Type\": \"Map\", \"End\": true, " + field + ", \"ItemProcessor\": {\"StartAt\": \"P\", "
                + "\"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}}";
    }

    /**
     * Malformed paths, each a character or a few away from a good one; Jayway would read the first two as
     * $.validation, and the last two as $['validation'][0]['xy'] and $['validation'].
     */
    private static final List<String> MALFORMED = List.of("$.validation[", "$.validation[0]]", "$.validation[0",
            "$.validation.", "$.validation[0]xy", "$['validation']]]");

    @Test
    void aMalformedPathIsReportedAtItsFieldInEveryPathField() {
        List<String> missed = new ArrayList<>();
        for (PathField field : FIELDS) {
            String good = definition(field, "$.validation");
            List<Diagnostic> clean = DefinitionValidator.validate(good, ValidationOptions.defaults());
            if (!clean.isEmpty()) {
                missed.add(good + " should be valid: " + clean);
            }
            for (String path : MALFORMED) {
                String bad = definition(field, path);
                List<Diagnostic> problems = DefinitionValidator.validate(bad, ValidationOptions.defaults());
                boolean reported = problems.stream().anyMatch(d -> d.code().equals("SCHEMA_VALIDATION_FAILED")
                        && (field.location().equals(d.location()) || field.location().startsWith(d.location() + "/"))
                        && d.message().contains("must be a valid"));
                if (!reported) {
                    missed.add(bad + " -> " + problems);
                }
            }
        }
        assertEquals(List.of(), missed);
    }

    private static String definition(PathField field, String path) {
        String state = field.state().formatted("\"" + path + "\"");
        // a Choice goes on to D
        String done = state.contains("\"D\"") ? ", \"D\": {\"Type\": \"Succeed\"}" : "";
        return "{\"StartAt\": \"S\", \"States\": {\"S\": " + state + done + "}}";
    }
}
