package io.github.camelasl.cli;

import static io.github.camelasl.cli.CliRun.asl;
import static io.github.camelasl.cli.CliRun.aslWithStdin;
import static io.github.camelasl.cli.CliRun.def;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI in process: exit codes, stdout and stderr of validate and run. */
class AslCliTest {



    private static void assertNoStackTrace(CliRun.Result r) {
        assertFalse(r.err().contains("Exception"), () -> "stack trace or exception name on stderr: " + r.err());
        assertFalse(r.err().contains("\tat "), () -> "stack trace on stderr: " + r.err());
    }

    // --- validate ---

    @Test
    void validateAcceptsAValidDefinition() {
        CliRun.Result r = asl("validate", def("choice.asl.json"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(": OK"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void validateJsonForAValidDefinition() {
        CliRun.Result r = asl("validate", def("choice.asl.json"), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = r.json();
        assertEquals("OK", json.path("result").asText());
        assertTrue(json.path("diagnostics").isArray());
        assertEquals(0, json.path("diagnostics").size());
    }

    @Test
    void validateJsonListsEveryProblem() {
        CliRun.Result r = asl("validate", def("invalid.asl.json"), "--json", "--type", "EXPRESS");
        assertEquals(2, r.code(), r.err());
        JsonNode json = r.json();
        assertEquals("FAIL", json.path("result").asText());
        JsonNode diagnostics = json.path("diagnostics");
        assertTrue(diagnostics.size() >= 1, r.out());
        for (JsonNode d : diagnostics) {
            assertTrue(d.has("severity") && d.has("code") && d.has("message") && d.has("location"), d::toString);
        }
        boolean missingTarget = false;
        for (JsonNode d : diagnostics) {
            if ("MISSING_TRANSITION_TARGET".equals(d.path("code").asText())
                    && "/States/First/Next".equals(d.path("location").asText())) {
                missingTarget = "ERROR".equals(d.path("severity").asText());
            }
        }
        assertTrue(missingTarget, r.out());
    }

    @Test
    void validateReadableListsProblems() {
        CliRun.Result r = asl("validate", def("invalid.asl.json"));
        assertEquals(2, r.code());
        assertTrue(r.out().contains("FAIL"), r.out());
        assertTrue(r.out().contains("MISSING_TRANSITION_TARGET"), r.out());
        assertTrue(r.out().contains("/States/First/Next"), r.out());
    }

    @Test
    void validateReportsMalformedJsonOnOneLine() {
        CliRun.Result r = aslWithStdin("{\"StartAt\": \"A\",\n \"States\": {\"A\": {\"Type\": \"Pass\" \"End\": true}}}",
                "validate", "-");
        assertEquals(2, r.code());
        List<String> problems = r.out().lines().filter(l -> l.contains("INVALID_JSON_DESCRIPTION")).toList();
        assertEquals(1, problems.size(), r.out());
        assertTrue(problems.get(0).contains("line 2"), r.out());
        assertFalse(r.out().contains("[Source:"), r.out());
    }

    @Test
    void validateRejectsAResourceTheCliCannotReach() {
        CliRun.Result r = asl("validate", def("unresolved-task.asl.json"), "--json");
        assertEquals(2, r.code());
        assertTrue(r.json().path("diagnostics").toString().contains("/States/Train/Resource"), r.out());
    }

    /**
     * validate and run agree on payload templates that are not objects (AWS's language service types Parameters and
     * ItemSelector number/string/boolean/object/array/null: github.com/aws/amazon-states-language-service,
     * src/json-schema/partial/common.json, map_state.json) and on a JSONata key ending in .$, a literal key
     * (https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html).
     */
    @Test
    void validateAndRunAcceptPayloadTemplatesOfAnyJsonType() throws Exception {
        CliRun.Result v = asl("validate", def("payload-shapes.asl.json"), "--json");
        assertEquals(0, v.code(), v.out() + v.err());
        assertEquals("OK", v.json().path("result").asText());
        CliRun.Result r = asl("run", def("payload-shapes.asl.json"), "--input", "{\"value\": 1}", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(new ObjectMapper().readTree("""
                {"shaped.$": [{"value": 1}, "literal", 3, true, null],
                 "items": ["item", "item", "item", "item", "item"]}"""), r.json().path("output"));
    }

    // --- run: outcomes ---

    @Test
    void runSucceedsWithJsonOutput() {
        CliRun.Result r = asl("run", def("choice.asl.json"), "--input", "{\"value\": 3}", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        JsonNode json = r.json();
        assertEquals("SUCCEEDED", json.path("status").asText());
        assertEquals(6, json.path("output").path("value").asInt());
        assertEquals("small", json.path("output").path("size").asText());
        assertTrue(json.path("error").isNull());
        assertTrue(json.path("cause").isNull());
        assertFalse(json.has("history"));
        assertEquals(1, r.out().strip().lines().count(), "one JSON object, on one line");
    }

    @Test
    void runPrintsATraceAndTheOutput() {
        CliRun.Result r = asl("run", def("choice.asl.json"), "--input", "{\"value\": 6}");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("▶ Double (Pass)"), r.out());
        assertTrue(r.out().contains("✓ Double  {\"value\":12}"), r.out());
        assertTrue(r.out().contains("▶ Classify (Choice)"), r.out());
        assertTrue(r.out().contains("▶ Big (Pass)"), r.out());
        assertFalse(r.out().contains("▶ Small"), r.out());
        assertTrue(r.out().contains("SUCCEEDED"), r.out());
        assertTrue(r.out().contains("\"size\": \"big\""), "pretty output: " + r.out());
    }

    @Test
    void runFailingExitsOneWithErrorAndCause() {
        CliRun.Result r = asl("run", def("fail.asl.json"), "--json");
        assertEquals(1, r.code(), r.err());
        JsonNode json = r.json();
        assertEquals("FAILED", json.path("status").asText());
        assertTrue(json.path("output").isNull());
        assertEquals("Pipeline.Broken", json.path("error").asText());
        assertEquals("the model did not converge", json.path("cause").asText());
        assertEquals("", r.err());
    }

    @Test
    void runFailingReadable() {
        CliRun.Result r = asl("run", def("fail.asl.json"));
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("▶ Boom (Fail)"), r.out());
        assertTrue(r.out().contains("FAILED"), r.out());
        assertTrue(r.out().contains("Error: Pipeline.Broken"), r.out());
        assertTrue(r.out().contains("Cause: the model did not converge"), r.out());
    }

    @Test
    void runWithHistory() {
        CliRun.Result r = asl("run", def("choice.asl.json"), "--input", "{\"value\": 1}", "--json", "--history",
                "--account-id", "111122223333", "--region", "eu-west-1");
        assertEquals(0, r.code(), r.err());
        JsonNode history = r.json().path("history");
        assertTrue(history.isArray() && history.size() > 2, r.out());
        assertEquals("ExecutionStarted", history.get(0).path("type").asText());
        assertEquals("ExecutionSucceeded", history.get(history.size() - 1).path("type").asText());
        List<String> entered = new ArrayList<>();
        for (JsonNode e : history) {
            if (e.path("type").asText().endsWith("StateEntered")) {
                entered.add(e.path("stateEnteredEventDetails").path("name").asText());
            }
        }
        assertEquals(List.of("Double", "Classify", "Small"), entered);
        // the default state machine name is the file name without .asl.json
        assertEquals("arn:aws:iam::111122223333:role/camel-asl-choice",
                history.get(0).path("executionStartedEventDetails").path("roleArn").asText());
    }

    @Test
    void runWithStateMachineName() {
        CliRun.Result r = asl("run", def("choice.asl.json"), "--json", "--history", "--input", "{\"value\": 1}",
                "--state-machine-name", "Pipeline", "--name", "exec-1", "--type", "express");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.json().path("history").get(0).path("executionStartedEventDetails").path("roleArn").asText()
                .endsWith(":role/camel-asl-Pipeline"), r.out());
    }

    @Test
    void runParallelAndMap() {
        CliRun.Result r = asl("run", def("fanout.asl.json"), "--input", "{\"items\": [1, 2, 3]}");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("▶ Both (Parallel)"), r.out());
        assertTrue(r.out().contains("\n  ▶ Left (Pass)"), "branch lines are indented: " + r.out());
        assertTrue(r.out().contains("\n  ↳ Each[2]"), r.out());
        assertTrue(r.out().contains("\n    [1] ▶ Square (Pass)"), "iteration lines are indented: " + r.out());

        CliRun.Result json = asl("run", def("fanout.asl.json"), "--input", "{\"items\": [1, 2, 3]}", "--json");
        JsonNode output = json.json().path("output");
        assertEquals("[\"L\",\"R\"]", output.path("sides").toString());
        assertEquals("item 3", output.path("squares").get(2).path("label").asText());
    }

    @Test
    void runTaskFailureRetryAndCatch() {
        CliRun.Result r = asl("run", def("task-retry.asl.json"));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("✗ Train: States.TaskFailed ("), r.out());
        assertTrue(r.out().contains("↻ Train (retry)"), r.out());
        assertTrue(r.out().contains("▶ Fallback (Pass)"), r.out());
        assertTrue(r.out().contains("\"error\": \"States.TaskFailed\""), r.out());
    }

    @Test
    void runNestedMapsLabelEachIteration() {
        CliRun.Result r = asl("run", def("nested-map.asl.json"), "--input", "[[1, 2], [3]]");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("\n      [0] ↳ Inner[1]"), r.out());
        assertTrue(r.out().contains("\n        [1][0] ▶ Leaf (Pass)"), r.out());
        assertTrue(r.out().contains("\n        [0][1] ✓ Leaf  2"), r.out());
    }

    // --- run: inputs ---

    @Test
    void runReadsInputFromAFile() {
        CliRun.Result r = asl("run", def("choice.asl.json"), "--input", "@" + def("input.json"), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(14, r.json().path("output").path("value").asInt());
        assertEquals("big", r.json().path("output").path("size").asText());
    }

    @Test
    void runReadsTheDefinitionFromStdin() throws Exception {
        String text = Files.readString(Path.of(def("choice.asl.json")));
        CliRun.Result r = aslWithStdin(text, "run", "-", "--input", "{\"value\": 2}", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(4, r.json().path("output").path("value").asInt());
    }

    @Test
    void badInputIsOneLineWithoutStackTrace() {
        CliRun.Result r = asl("run", def("choice.asl.json"), "--input", "{\"a\": x}", "--json");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("asl: --input is not valid JSON: "), r.err());
        assertTrue(r.err().contains("line 1, column 8"), r.err());
        assertNoStackTrace(r);
    }

    @Test
    void badInputFile() {
        CliRun.Result r = asl("run", def("choice.asl.json"), "--input", "@" + def("fail.asl.json") + ".missing");
        assertEquals(2, r.code());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("asl: cannot read --input file "), r.err());
        assertNoStackTrace(r);
    }

    @Test
    void missingDefinitionFile() {
        CliRun.Result r = asl("run", "no-such-pipeline.json", "--json");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals("asl: cannot read definition no-such-pipeline.json: no such file", r.err().strip());

        CliRun.Result v = asl("validate", "no-such-pipeline.json");
        assertEquals(2, v.code());
        assertNoStackTrace(v);
    }

    @Test
    void invalidDefinitionIsListedOnStderr() {
        CliRun.Result r = asl("run", def("invalid.asl.json"), "--json");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        List<String> lines = r.errLines();
        assertTrue(lines.get(0).startsWith("asl: invalid definition ") && lines.get(0).endsWith("invalid.asl.json:"),
                r.err());
        assertTrue(lines.size() >= 2, r.err());
        assertTrue(lines.stream().skip(1).allMatch(l -> l.startsWith("  ")), r.err());
        assertTrue(r.err().contains("MISSING_TRANSITION_TARGET"), r.err());
        assertNoStackTrace(r);
    }

    @Test
    void invalidExecutionName() {
        CliRun.Result r = asl("run", def("choice.asl.json"), "--name", "has space");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("asl: --name "), r.err());
    }

    // --- usage ---

    @Test
    void usageErrorsExitTwo() {
        for (String[] args : new String[][] {
            {"run"},
            {"run", def("choice.asl.json"), "--bogus"},
            {"run", def("choice.asl.json"), "--type", "FAST"},
            {"frobnicate"},
            {}
        }) {
            CliRun.Result r = asl(args);
            assertEquals(2, r.code(), () -> String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("asl"), r.err());
            assertEquals("", r.out(), String.join(" ", args));
            assertNoStackTrace(r);
        }
    }

    @Test
    void helpAndVersion() {
        CliRun.Result help = asl("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("validate") && help.out().contains("run"), help.out());

        CliRun.Result runHelp = asl("run", "--help");
        assertEquals(0, runHelp.code());
        assertTrue(runHelp.out().contains("--input") && runHelp.out().contains("--history"), runHelp.out());

        CliRun.Result version = asl("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().startsWith("asl (Camel ASL) 0.1.0"), version.out());
    }
}
