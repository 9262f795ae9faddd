package io.github.camelasl.cli;

import static io.github.camelasl.cli.CliRun.asl;
import static io.github.camelasl.cli.CliRun.aslWithStdin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code asl test-state}: AWS's TestState from the command line, answered as AWS answers. */
class AslCliTestStateTest {

    private static final String DEFINITION = AslCliRunMocksTest.DEFINITION;

    @TempDir
    Path tmp;

    @Test
    void aMockedTaskAnswersAwsTestStateResponse() {
        CliRun.Result r = asl("test-state", DEFINITION, "--state", "LambdaState", "--input", "{\"order\": 7}",
                "--mock", "{\"result\": \"{\\\"Payload\\\": {\\\"ok\\\": true}}\"}");
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode response = r.json();
        assertEquals("SUCCEEDED", response.path("status").asText());
        assertEquals("SQSState", response.path("nextState").asText());
        assertEquals("{\"Payload\":{\"ok\":true}}", response.path("output").asText());
    }

    @Test
    void debugShowsTheDataflowStepByStep() {
        CliRun.Result r = asl("test-state", DEFINITION, "--state", "LambdaState", "--input", "{\"order\": 7}",
                "--mock", "{\"result\": {\"Payload\": 1}}", "--inspection-level", "DEBUG");
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode inspection = r.json().path("inspectionData");
        assertEquals("{\"order\":7}", inspection.path("input").asText(), r.out());
        assertEquals("{\"Payload\":{\"order\":7},\"FunctionName\":\"HelloWorldFunction\"}",
                inspection.path("afterParameters").asText(), r.out());
        assertEquals("{\"Payload\":1}", inspection.path("result").asText(), r.out());
    }

    @Test
    void aMockedErrorTheRetryTakesIsRetriableAndExitsOne() {
        CliRun.Result r = asl("test-state", DEFINITION, "--state", "LambdaState", "--mock",
                "{\"errorOutput\": {\"error\": \"Lambda.ServiceException\", \"cause\": \"down\"}}",
                "--state-configuration", "{\"retrierRetryCount\": 1}");
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals("RETRIABLE", r.json().path("status").asText(), r.out());
        assertEquals("Lambda.ServiceException", r.json().path("error").asText());

        r = asl("test-state", DEFINITION, "--state", "LambdaState", "--mock",
                "{\"errorOutput\": {\"error\": \"Lambda.ServiceException\", \"cause\": \"down\"}}",
                "--state-configuration", "{\"retrierRetryCount\": 3}");
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals("FAILED", r.json().path("status").asText(), r.out());
    }

    @Test
    void variablesAndContextReachThePassState() throws Exception {
        Path def = tmp.resolve("pass.asl.json");
        Files.writeString(def, """
                {"QueryLanguage": "JSONata", "StartAt": "Greet", "States": {"Greet": {"Type": "Pass",
                  "Output": "{% $greeting & ' ' & $states.context.Execution.Name %}", "End": true}}}""");
        Path variables = tmp.resolve("variables.json");
        Files.writeString(variables, "{\"greeting\": \"hello\"}");
        CliRun.Result r = asl("test-state", def.toString(), "--variables", "@" + variables,
                "--context", "{\"Execution\": {\"Name\": \"run-1\"}}");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("\"hello run-1\"", r.json().path("output").asText(), r.out());
    }

    @Test
    void theInputMayComeFromStdin() {
        CliRun.Result r = aslWithStdin("{\"order\": 8}", "test-state", DEFINITION, "--state", "LambdaState",
                "--input", "@-", "--mock", "{\"result\": \"{}\"}", "--inspection-level", "debug");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("{\"order\":8}", r.json().path("inspectionData").path("input").asText(), r.out());
    }

    @Test
    void awsErrorsAreUsageErrorsNamingTheMember() {
        CliRun.Result r = asl("test-state", DEFINITION, "--state", "Nowhere", "--mock", "{\"result\": \"{}\"}");
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("asl: ValidationException: State not found in definition: 'Nowhere'", r.err().strip());

        r = asl("test-state", DEFINITION, "--state", "LambdaState", "--state-configuration",
                "{\"retrierRetryCount\": -1}", "--mock", "{\"result\": \"{}\"}");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("stateConfiguration.retrierRetryCount"), r.err());

        r = asl("test-state", DEFINITION, "--state", "LambdaState", "--mock", "{\"result\": ");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("asl: --mock is not valid JSON"), r.err());
        assertEquals(2, asl("test-state", DEFINITION).code(), "two states: --state is needed");
        r = asl("test-state", DEFINITION, "--state", "LambdaState", "--mock", "{\"result\": \"{}\"}",
                "--reveal-secrets");
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("asl: ValidationException: TestState does not support RevealSecrets when a mock is specified.",
                r.err().strip());
        r = asl("test-state", DEFINITION, "--state", "LambdaState", "--inspection-level", "LOUD");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("inspectionLevel"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void anUnmockedTaskCallsItsResourceUnderTheResourcePolicy() throws Exception {
        Path def = tmp.resolve("score.asl.json");
        Files.writeString(def, """
                {"StartAt": "Score", "States": {"Score": {"Type": "Task",
                  "Resource": "class:io.github.camelasl.cli.OrderFunctions?method=score", "End": true}}}""");
        CliRun.Result r = asl("test-state", def.toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("asl: InvalidDefinition: Invalid State Machine Definition: "
                + "'RESOURCE_NOT_ALLOWED: State 'Call': the resource class:io.github.camelasl.cli.OrderFunctions"), r.err());

        r = asl("test-state", def.toString(), "--allow-resource", "class:io.github.camelasl.cli.OrderFunctions?*");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("0.9", r.json().path("output").asText(), r.out());
    }
}
