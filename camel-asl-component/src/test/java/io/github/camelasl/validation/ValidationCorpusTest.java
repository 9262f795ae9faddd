package io.github.camelasl.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks the validator against what AWS Step Functions said (the conformance corpus, recorded against AWS
 * by the LocalStack project, Apache-2.0; see the corpus README).
 *
 * <ul>
 *   <li>{@code validation/}: definitions AWS accepted or rejected, with its code and text. A
 *       ValidateStateMachineDefinition case must give exactly AWS's diagnostics; a CreateStateMachine case must
 *       give AWS's exception message, which lists every diagnostic as {@code CODE: message at location}.</li>
 *   <li>{@code cases/}: definitions AWS ran, so none may get an ERROR.</li>
 * </ul>
 *
 * The corpus is read from system property {@code asl.conformance.dir} (default {@code ../../shared/conformance},
 * relative to the module); the tests are skipped when it is absent.
 */
class ValidationCorpusTest {

    /**
     * AWS's optimized DynamoDB integration has exactly these actions; anything else (query, scan, ...) goes
     * through {@code aws-sdk:dynamodb:*}. Enough of AWS's resource catalogue for the recorded cases.
     */
    private static final Set<String> DYNAMODB_ACTIONS = Set.of("getItem", "putItem", "updateItem", "deleteItem");

    private static final Predicate<String> AWS_RESOURCES = resource -> {
        String prefix = "arn:aws:states:::dynamodb:";
        return !resource.startsWith(prefix) || DYNAMODB_ACTIONS.contains(resource.substring(prefix.length()));
    };

    @TestFactory
    Stream<DynamicTest> validationCasesGetAwsVerdict() throws IOException {
        return cases("validation").map(file -> DynamicTest.dynamicTest(name(file), () -> {
            JsonNode testCase = Json.MAPPER.readTree(file.toFile());
            JsonNode expected = testCase.get("expected");
            List<Diagnostic> errors = errors(DefinitionValidator.validate(definitionText(testCase),
                    new ValidationOptions(testCase.path("state_machine_type").asText("STANDARD"), AWS_RESOURCES)));

            if (expected.get("accepted").asBoolean()) {
                assertEquals(List.of(), errors, "AWS accepted this definition");
            } else if ("validate_state_machine_definition".equals(expected.get("api").asText())) {
                List<Map<String, String>> awsDiagnostics = new ArrayList<>();
                expected.get("diagnostics").forEach(d -> awsDiagnostics.add(diagnostic(d.path("severity").asText(),
                        d.path("code").asText(), d.path("message").asText(), d.path("location").asText(null))));
                List<Map<String, String>> ours = errors.stream()
                        .map(d -> diagnostic(d.severity().name(), d.code(), normalize(testCase, d.message()),
                                d.location() == null ? null : normalize(testCase, d.location())))
                        .toList();
                assertEquals(awsDiagnostics, ours);
            } else {
                assertEquals("InvalidDefinition", expected.get("error_code").asText());
                String ours = "Invalid State Machine Definition: '"
                        + errors.stream().map(Diagnostic::toString).collect(Collectors.joining(", ")) + "'";
                assertEquals(expected.get("error_message").asText(), normalize(testCase, ours));
            }
        }));
    }

    @Test
    void everyDefinitionAwsRanValidatesClean() throws IOException {
        List<String> rejected = new ArrayList<>();
        List<Path> files = cases("cases").toList();
        for (Path file : files) {
            JsonNode testCase = Json.MAPPER.readTree(file.toFile());
            ValidationOptions options = new ValidationOptions(testCase.path("state_machine_type").asText("STANDARD"),
                    resource -> true);
            String definition = Json.write(testCase.get("definition"));
            List<Diagnostic> errors = errors(DefinitionValidator.validate(definition, options));
            if (!errors.isEmpty()) {
                rejected.add(name(file) + " -> " + errors);
            }
        }
        assertTrue(files.size() > 0, "no execution cases found");
        assertEquals(List.of(), rejected,
                rejected.size() + " of " + files.size() + " definitions AWS ran were rejected");
    }

    private static Stream<Path> cases(String folder) throws IOException {
        Path dir = Path.of(System.getProperty("asl.conformance.dir", "../../shared/conformance")).resolve(folder);
        Assumptions.assumeTrue(Files.isDirectory(dir),
                "conformance corpus not found at " + dir.toAbsolutePath() + " (set -Dasl.conformance.dir)");
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    /** The text AWS was given: the raw text when it was not JSON, else the definition as JSON. */
    private static String definitionText(JsonNode testCase) {
        JsonNode raw = testCase.get("definition_raw");
        return raw != null && raw.isTextual() ? raw.asText() : Json.write(testCase.get("definition"));
    }

    private static List<Diagnostic> errors(List<Diagnostic> diagnostics) {
        return diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
    }

    /** Applies the replacements AWS's recorded text went through (account, region, partition, dates). */
    private static String normalize(JsonNode testCase, String text) {
        String result = text;
        for (JsonNode rule : testCase.path("normalization_regex_in_order")) {
            result = result.replaceAll(rule.get("pattern").asText(),
                    java.util.regex.Matcher.quoteReplacement(rule.get("replacement").asText()));
        }
        return result;
    }

    private static Map<String, String> diagnostic(String severity, String code, String message, String location) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("severity", severity);
        map.put("code", code);
        map.put("message", message);
        map.put("location", location);
        return map;
    }

    private static String name(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".json".length());
    }
}
