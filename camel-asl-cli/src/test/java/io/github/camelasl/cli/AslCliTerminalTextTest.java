package io.github.camelasl.cli;

import static io.github.camelasl.cli.CliRun.asl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the CLI prints for people (not --json) escapes the control characters that came from a definition, an
 * input or a reply: a state name, an error or a cause cannot clear the screen or print a line of its own.
 */
class AslCliTerminalTextTest {

    private static final String CLEAR = "\u001b[2J";

    @TempDir
    Path tmp;

    @Test
    void stateNamesErrorsAndCausesAreEscapedInTheTraceAndTheSummary() throws Exception {
        Path definition = tmp.resolve("escape.asl.json");
        // JSON escapes: the definition holds ESC and a line break in a state name, the Fail's error and cause
        Files.writeString(definition, """
                {"StartAt": "Go\\u001b[2J\\nSUCCEEDED", "States": {
                  "Go\\u001b[2J\\nSUCCEEDED": {"Type": "Pass", "Next": "Stop"},
                  "Stop": {"Type": "Fail", "Error": "Bad\\u001b[31m",
                           "Cause": "wiped\\u001b[2J\\nSUCCEEDED\\u2028"}}}""");
        CliRun.Result r = asl("run", definition.toString());
        assertEquals(1, r.code(), r.err() + r.out());
        assertNoControls(r.out());
        assertTrue(r.out().contains("▶ Go\\u001b[2J\\nSUCCEEDED (Pass)"), r.out());
        assertTrue(r.out().contains("Error: Bad\\u001b[31m"), r.out());
        assertTrue(r.out().contains("Cause: wiped\\u001b[2J\\nSUCCEEDED\\u2028"), r.out());
        assertFalse(r.out().lines().anyMatch(line -> line.startsWith("SUCCEEDED")), "no fake line: " + r.out());
    }

    @Test
    void anExecutionNameInAnErrorIsEscaped() {
        CliRun.Result r = asl("run", CliRun.def("choice.asl.json"), "--name", "x" + CLEAR + "\nasl: fake");
        assertEquals(2, r.code(), r.err());
        assertNoControls(r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("x\\u001b[2J\\nasl: fake"), r.err());
    }

    @Test
    void storedNamesAndCausesAreEscapedByTheExecutionsCommands() throws Exception {
        Path definition = tmp.resolve("fails.asl.json");
        Files.writeString(definition, """
                {"StartAt": "Stop", "States": {
                  "Stop": {"Type": "Fail", "Error": "E", "Cause": "c\\u001b[2J\\nfake"}}}""");
        String store = tmp.resolve("store").toString();
        assertEquals(1, asl("run", definition.toString(), "--store", store, "--name", "n1").code());
        String arn = "arn:aws:states:us-east-1:123456789012:execution:fails:n1";
        CliRun.Result describe = asl("executions", "describe", arn, "--store", store);
        assertEquals(0, describe.code(), describe.err());
        assertNoControls(describe.out());
        assertTrue(describe.out().contains("c\\u001b[2J\\nfake"), describe.out());
    }

    private static void assertNoControls(String printed) {
        assertFalse(printed.chars().anyMatch(c -> c == 0x1b || c == 0x2028 || c == 0x9b),
                "a control character reached the terminal: " + printed.replace("\u001b", "<ESC>"));
    }
}
