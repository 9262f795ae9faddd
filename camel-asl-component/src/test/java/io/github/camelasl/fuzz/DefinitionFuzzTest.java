package io.github.camelasl.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.model.DefinitionParser;
import io.github.camelasl.validation.DefinitionValidator;
import io.github.camelasl.validation.Diagnostic;
import io.github.camelasl.validation.ValidationOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A definition's text goes through what {@code AslDeployer.deploy} does with it: the validator reports every
 * problem and never throws; a definition it accepts is parsed into the model, which must not fail either.
 */
class DefinitionFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void validateThenParse(byte[] bytes) throws Exception {
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (String type : List.of("STANDARD", "EXPRESS")) {
            List<Diagnostic> problems = DefinitionValidator.validate(text,
                    new ValidationOptions(type, resource -> true));
            boolean accepted = problems.stream().noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
            if (accepted) {
                JsonNode definition = Json.parse(text);
                assertNotNull(DefinitionParser.parse(definition));
            }
        }
    }
}
