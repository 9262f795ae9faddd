package io.github.camelasl.cli;

import static io.github.camelasl.cli.CliRun.asl;
import static io.github.camelasl.cli.CliRun.aslWithStdin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** asl run under execution limits: inputs read no further than the cap, loops ended at the history cap. */
class AslCliLimitsTest {

    private static final String PASS = """
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""";

    private static final String ENDLESS_LOOP = """
            {"StartAt": "Again", "States": {
              "Again": {"Type": "Pass", "Next": "Loop"},
              "Loop": {"Type": "Choice", "Choices": [{"Variable": "$.go", "BooleanEquals": true, "Next": "Again"}],
                       "Default": "Done"},
              "Done": {"Type": "Succeed"}}}""";

    @TempDir
    Path dir;

    private String file(String name, String text) throws Exception {
        Path path = dir.resolve(name);
        Files.writeString(path, text);
        return path.toString();
    }

    private static void assertNoStackTrace(CliRun.Result r) {
        assertFalse(r.err().contains("Exception"), () -> "exception name on stderr: " + r.err());
        assertFalse(r.err().contains("\tat "), () -> "stack trace on stderr: " + r.err());
    }

    @Test
    void anInputFileLargerThanTheCapIsRefusedWithExitTwo() throws Exception {
        String input = file("big.json", "{\"s\": \"" + "x".repeat(5_000) + "\"}");
        CliRun.Result r = asl("run", file("pass.asl.json", PASS), "--input", "@" + input, "--max-payload-size",
                "1000");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("it has more than 1000 bytes (--max-payload-size, limits=default)"), r.err());
        assertNoStackTrace(r);
    }

    @Test
    void stdinLargerThanTheCapIsReadNoFurther() throws Exception {
        CliRun.Result r = aslWithStdin("[" + "1,".repeat(10_000) + "1]", "run", file("pass.asl.json", PASS),
                "--input", "@-", "--max-payload-size", "1000");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("more than 1000 bytes"), r.err());
        assertNoStackTrace(r);
    }

    @Test
    void awsLimitsRefuseAnInputOverTwoHundredFiftySixKib() throws Exception {
        String input = file("big.json", "{\"s\": \"" + "x".repeat(300_000) + "\"}");
        CliRun.Result r = asl("run", file("pass.asl.json", PASS), "--input", "@" + input, "--limits", "aws");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("more than 262144 bytes (--max-payload-size, limits=aws)"), r.err());
        // the default does not reimpose AWS's quota
        assertEquals(0, asl("run", file("pass2.asl.json", PASS), "--input", "@" + input).code());
    }

    @Test
    void anEndlessLoopEndsFailedAtTheHistoryCap() throws Exception {
        CliRun.Result r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> asl("run",
                file("loop.asl.json", ENDLESS_LOOP), "--input", "{\"go\": true}", "--max-history-events", "500",
                "--json"));
        assertEquals(1, r.code(), r.err());
        JsonNode result = r.json();
        assertEquals("FAILED", result.path("status").asText());
        assertEquals("States.Runtime", result.path("error").asText());
        assertEquals("The execution reached the maximum number of history events (500).",
                result.path("cause").asText());
    }

    @Test
    void aBadLimitsValueIsAUsageError() throws Exception {
        CliRun.Result r = asl("run", file("pass.asl.json", PASS), "--limits", "strict");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("limits must be 'default' or 'aws', but was 'strict'"), r.err());
        CliRun.Result deep = asl("run", file("pass.asl.json", PASS), "--max-nesting-depth", "5000");
        assertEquals(2, deep.code(), deep.err());
        assertTrue(deep.err().contains("maxNestingDepth must be 1 to 1000"), deep.err());
        assertNoStackTrace(deep);
    }
}
