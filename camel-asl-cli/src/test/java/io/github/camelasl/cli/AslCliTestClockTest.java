package io.github.camelasl.cli;

import static io.github.camelasl.cli.CliRun.asl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code asl test} runs each case on a virtual clock of its own from a fixed start, under AWS's limits unless told;
 * {@code asl run --clock virtual} runs to the end the same way.
 */
@Timeout(120) // bounds a clock that would not jump
class AslCliTestClockTest {

    private static final String STAMP = """
            {"StartAt": "Stamp", "States": {
              "Stamp": {"Type": "Pass", "Parameters": {"at.$": "$$.Execution.StartTime"}, "Next": "WaitAnHour"},
              "WaitAnHour": {"Type": "Wait", "Seconds": 3600, "End": true}}}""";

    private static final String FOREVER = """
            {"StartAt": "Pause", "States": {
              "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Done?"},
              "Done?": {"Type": "Choice", "Choices": [{"Variable": "$.done", "IsPresent": true, "Next": "End"}],
                        "Default": "Pause"},
              "End": {"Type": "Succeed"}}}""";

    @TempDir
    Path tmp;

    private String file(String name, String text) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, text);
        return file.toString();
    }

    private String twoCases(String machine) throws Exception {
        return file("mocks.json", "{\"StateMachines\": {\"" + machine + "\": {\"TestCases\": {\"First\": {}, "
                + "\"Second\": {}}}}, \"MockedResponses\": {}}");
    }

    @Test
    void everyCaseStartsAtTheClockStart() throws Exception {
        String expectations = file("expected.json", """
                {"TestCases": {"First": {"Output": {"at": "2030-06-01T00:00:00Z"}},
                               "Second": {"Output": {"at": "2030-06-01T00:00:00Z"}}}}""");
        CliRun.Result r = asl("test", file("stamp.asl.json", STAMP), "--mock-config", twoCases("stamp"),
                "--expectations", expectations, "--clock-start", "2030-06-01T00:00:00Z");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("2 test cases: 2 passed, 0 failed"), r.out());
    }

    @Test
    void theDefaultClockStartIsFixed() throws Exception {
        String expectations = file("expected.json", """
                {"TestCases": {"First": {"Output": {"at": "2025-01-01T00:00:00Z"}}}}""");
        CliRun.Result r = asl("test", file("stamp.asl.json", STAMP), "--mock-config", twoCases("stamp"),
                "--expectations", expectations, "--test-case", "First");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(2, asl("test", file("stamp.asl.json", STAMP), "--mock-config", twoCases("stamp"),
                "--clock-start", "yesterday").code());
    }

    @Test
    void aRunawayLoopFailsAtAwssHistoryLimit() throws Exception {
        String expectations = file("expected.json", """
                {"TestCases": {"First": {"Status": "FAILED"}}}""");
        CliRun.Result r = asl("test", file("forever.asl.json", FOREVER), "--mock-config", twoCases("forever"),
                "--expectations", expectations, "--test-case", "First");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("PASS  First  FAILED"), r.out());
        assertEquals(2, asl("test", file("forever.asl.json", FOREVER), "--mock-config", twoCases("forever"),
                "--limits", "tiny").code());
    }

    @Test
    void aVirtualRunLeftWaitingForAWorkerFailsSayingWhere() throws Exception {
        String waits = file("approve.asl.json", """
                {"StartAt": "Approve", "States": {"Approve": {"Type": "Task",
                  "Resource": "arn:aws:states:us-east-1:123456789012:activity:approve", "End": true}}}""");
        CliRun.Result r = asl("run", waits, "--clock", "virtual");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--clock virtual: the execution waits for something no timer brings"), r.err());
        assertTrue(r.err().contains("Approve"), r.err());
    }
}
