package io.github.camelasl.cli;

import static io.github.camelasl.cli.CliRun.asl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line prints numbers as they came in: in the trace, the output, {@code --json} and what
 * {@code executions describe|history} read back from a store. AWS keeps number text: corpus case
 * {@code services_test_lambda_task.TestTaskLambda.test_invoke_json_values[0.0]} records the input {@code 0.0} as
 * {@code 0.0} in every event up to ExecutionSucceeded.
 */
class AslCliNumberTextTest {

    private static final String DEFINITION = """
            {"StartAt": "P", "States": {
              "P": {"Type": "Pass", "Result": 2.50, "ResultPath": "$.p", "End": true}}}""";
    private static final String INPUT = "{\"a\":60.0,\"b\":0.0,\"c\":1e2}";
    private static final String OUTPUT = "{\"a\":60.0,\"b\":0.0,\"c\":1e2,\"p\":2.50}";

    @TempDir
    Path tmp;

    @Test
    void runPrintsNumbersAsTheyCameIn() throws Exception {
        String definition = definition();
        CliRun.Result trace = asl("run", definition, "--input", INPUT);
        assertEquals(0, trace.code(), trace.err());
        assertTrue(trace.out().contains("✓ P  " + OUTPUT), trace.out());
        assertTrue(trace.out().contains("\"a\": 60.0") && trace.out().contains("\"c\": 1e2")
                && trace.out().contains("\"p\": 2.50"), "pretty output: " + trace.out());

        CliRun.Result json = asl("run", definition, "--input", INPUT, "--json");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().contains("\"output\":" + OUTPUT), json.out());
    }

    @Test
    void executionsReadBackFromTheStorePrintNumbersAsTheyCameIn() throws Exception {
        String store = tmp.resolve("store").toString();
        CliRun.Result run = asl("run", definition(), "--input", INPUT, "--store", store, "--name", "n", "--json");
        assertEquals(0, run.code(), run.err());
        String arn = run.json().path("executionArn").asText();

        JsonNode described = asl("executions", "describe", arn, "--store", store, "--json").json();
        assertEquals(INPUT, described.path("input").asText());
        assertEquals(OUTPUT, described.path("output").asText());
        CliRun.Result readable = asl("executions", "describe", arn, "--store", store);
        assertTrue(readable.out().contains(OUTPUT), readable.out());

        List<String> payloads = new ArrayList<>();
        for (JsonNode event : asl("executions", "history", arn, "--store", store, "--json").json().path("events")) {
            event.findValues("output").forEach(output -> payloads.add(output.asText()));
        }
        assertEquals(List.of(OUTPUT, OUTPUT), payloads, "PassStateExited and ExecutionSucceeded");
    }

    private String definition() throws Exception {
        Path file = tmp.resolve("numbers.asl.json");
        Files.writeString(file, DEFINITION);
        return file.toString();
    }
}
