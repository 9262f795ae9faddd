package io.github.camelasl.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Create-time checks of JSONata expressions, as AWS makes them. */
class JsonataValidationTest {

    private static List<Diagnostic> validate(String output) {
        return DefinitionValidator.validate("""
                {"QueryLanguage": "JSONata", "StartAt": "E", "States": {"E": {"Type": "Pass",
                  "Output": {"v": "%s"}, "End": true}}}""".formatted(output), ValidationOptions.defaults());
    }

    @Test
    void anUnparseableExpressionIsRefused() {
        List<Diagnostic> problems = validate("{% 1 + %}");
        assertEquals(1, problems.size(), problems::toString);
        assertEquals("INVALID_JSONATA_EXPRESSION", problems.get(0).code());
        assertEquals("Unexpected end of expression", problems.get(0).message());
        assertEquals("/States/E/Output/v", problems.get(0).location());
    }

    @Test
    void aBareFieldNameAtTheTopLevelIsRefused() {
        List<Diagnostic> problems = validate("{% phone.number %}");
        assertEquals(1, problems.size(), problems::toString);
        assertEquals("UNSUPPORTED_JSONATA_EXPRESSION", problems.get(0).code());
        assertEquals("Reference to 'phone' at the top level is not supported.", problems.get(0).message());
    }

    @Test
    void statesVariablesFunctionsAndLiteralsAreAccepted() {
        for (String ok : List.of("{% $states.input.phone %}", "{% $count($states.input.items) %}", "{% $x.y %}",
                "{% 'text' & $string(1) %}", "{% true and $states.input.a %}", "{% [1, 2][0] %}",
                "{% $states.input.items[price > 5].name %}")) {
            assertEquals(List.of(), validate(ok), ok);
        }
    }
}
