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
 * {@code asl validate} = {@code asl run}: over a table of Task states and Map states, every definition {@code run}
 * refuses (exit 2, "invalid definition") {@code validate} refuses (exit 2) with the same problems, and every one
 * {@code validate} passes, {@code run} runs without a States.Runtime error other than a path that selects nothing in
 * the input (AWS's own run-time error). Both build the same CamelContext, resolvers and resource policy. AWS refuses
 * a malformed path as "must be a valid JSONPath" (corpus case
 * scenarios_test_base_scenarios.TestBaseScenarios.test_illegal_escapes[ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION]).
 */
class AslCliValidateRunParityTest {

    /** Lets bean:, class: and log: Resources through to Camel, which then decides whether it can serve them. */
    private static final String[] CAMEL_DECIDES = {"--allow-resource", "bean:*", "--allow-resource", "class:*",
        "--allow-resource", "log:*"};

    private static final List<String> STATES = List.of(
            "{\"Type\": \"Task\", \"Resource\": \"bean:absent\", \"End\": true}",
            "{\"Type\": \"Task\", \"Resource\": \"class:com.example.Absent\", \"End\": true}",
            "{\"Type\": \"Task\", \"Resource\": \"log:x?noSuchOption=1\", \"End\": true}",
            "{\"Type\": \"Task\", \"Resource\": \"log:x\", \"End\": true}",
            // direct: waits for a consumer up to its timeout (30 s by default) before the Task fails
            "{\"Type\": \"Task\", \"Resource\": \"direct:nobody?timeout=100\", \"End\": true}",
            "{\"Type\": \"Task\", \"Resource\": \"log:x\", \"ResultPath\": \"$.validation[\", \"End\": true}",
            "{\"Type\": \"Pass\", \"InputPath\": \"$.a[\", \"End\": true}",
            "{\"Type\": \"Pass\", \"InputPath\": \"$.items[0]xy\", \"End\": true}",
            "{\"Type\": \"Pass\", \"OutputPath\": \"$['items']xx\", \"End\": true}",
            "{\"Type\": \"Pass\", \"Parameters\": {\"x.$\": \"$.items[0]]]\"}, \"End\": true}",
            "{\"Type\": \"Pass\", \"InputPath\": \"$.items[0]\", \"End\": true}",
            "{\"Type\": \"Map\", \"ItemsPath\": \"$.items\", \"MaxConcurrency\": 18446744073709551615, \"End\": true, "
                    + "\"ItemProcessor\": {\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}}",
            "{\"Type\": \"Map\", \"End\": true, \"ItemProcessor\": {\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", "
                    + "\"ExecutionType\": \"STANDARD\"}, \"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", "
                    + "\"End\": true}}}, \"ResultWriter\": {\"Resource\": \"arn:aws:states:::s3:putObject\", "
                    + "\"Parameters\": {\"Bucket\": \"b\", \"Prefix\": \"p\"}}}",
            "{\"Type\": \"Map\", \"ItemsPath\": \"$.items\", \"End\": true, \"ItemProcessor\": {\"StartAt\": \"P\", "
                    + "\"States\": {\"P\": {\"Type\": \"Task\", \"Resource\": \"bean:absent\", \"End\": true}}}}");

    @TempDir
    Path tmp;

    @Test
    void whatRunRefusesValidateReports() throws Exception {
        List<String> violations = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < STATES.size(); i++) {
            Path file = tmp.resolve("d" + i + ".asl.json");
            Files.writeString(file, "{\"StartAt\": \"S\", \"States\": {\"S\": " + STATES.get(i) + "}}");
            CliRun.Result validate = asl(args("validate", file.toString(), "--json"));
            CliRun.Result run = asl(args("run", file.toString(), "--input", "{\"items\": [1]}", "--json"));
            List<String> errors = new ArrayList<>();
            for (JsonNode d : validate.json().path("diagnostics")) {
                if (d.path("severity").asText().equals("ERROR")) {
                    errors.add(d.path("code").asText() + ": " + d.path("message").asText() + " at "
                            + d.path("location").asText());
                }
            }
            // refused: no execution started; it must say so as an invalid definition, never as a Camel exception
            boolean runRefused = run.code() == AslCli.EXIT_INVALID || run.err().contains("unexpected error");
            if (runRefused) {
                refused++;
            }
            boolean shapeFailedAtRun = !runRefused && "States.Runtime".equals(run.json().path("error").asText())
                    && !run.json().path("cause").asText().contains("Invalid path '");
            if (shapeFailedAtRun || runRefused != (validate.code() == AslCli.EXIT_INVALID)
                    || runRefused != !errors.isEmpty()
                    || runRefused && !run.err().contains("invalid definition")
                    || errors.stream().anyMatch(error -> !run.err().contains(error))) {
                violations.add(STATES.get(i) + "\n  validate: " + validate.code() + " " + validate.out()
                        + "\n  run: " + run.code() + " " + run.err() + run.out());
            }
        }
        assertEquals(List.of(), violations);
        assertTrue(refused >= 8, "definitions run refused: " + refused);
    }

    /** In the CLI nothing else can start a route that consumes direct:NAME: validate says the Task will fail. */
    @Test
    void aDirectEndpointNothingConsumesIsAWarning() throws Exception {
        Path file = tmp.resolve("nobody.asl.json");
        Files.writeString(file, "{\"StartAt\": \"S\", \"States\": {\"S\": " + STATES.get(4) + "}}");
        CliRun.Result validate = asl("validate", file.toString());
        assertEquals(0, validate.code(), validate.out() + validate.err());
        assertTrue(validate.out().contains("OK, 1 warning") && validate.out().contains("WARNING RESOURCE_UNRESOLVED: "
                + "State 'S': the resource direct:nobody?timeout=100: no route consumes direct://nobody now"), validate.out());
        CliRun.Result run = asl("run", file.toString(), "--json");
        assertEquals(1, run.code(), run.out() + run.err());
        assertEquals("States.TaskFailed", run.json().path("error").asText(), run.out());
    }

    private static String[] args(String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(CAMEL_DECIDES));
        return all.toArray(String[]::new);
    }
}
