package io.github.camelasl.cli;

import static io.github.camelasl.cli.CliRun.asl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code asl run --clock virtual}: the run's time jumps from timer to timer. */
class AslCliVirtualClockTest {

    @TempDir
    Path tmp;

    private String definition() throws Exception {
        Path file = tmp.resolve("daily.asl.json");
        Files.writeString(file, """
                {"StartAt": "WaitADay", "States": {
                  "WaitADay": {"Type": "Wait", "Seconds": 86400, "Next": "Stamp"},
                  "Stamp": {"Type": "Pass", "Parameters": {"entered.$": "$$.State.EnteredTime",
                    "started.$": "$$.Execution.StartTime"}, "End": true}}}""");
        return file.toString();
    }

    @Test
    @Timeout(60) // bounds a broken clock; the run itself takes no virtual wait in real time
    void aDaysWaitEndsAtOnceAndTheTimesAreVirtual() throws Exception {
        CliRun.Result r = asl("run", definition(), "--clock", "virtual", "--json");
        assertEquals(0, r.code(), r.out() + r.err());
        Instant started = Instant.parse(r.json().path("output").path("started").asText());
        Instant entered = Instant.parse(r.json().path("output").path("entered").asText());
        assertEquals(Duration.ofDays(1), Duration.between(started, entered).withNanos(0));
    }

    @Test
    @Timeout(60)
    void theTraceShowsTheVirtualTimestamps() throws Exception {
        CliRun.Result r = asl("run", definition(), "--clock", "virtual");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("SUCCEEDED in 1440 min 0 s"), r.out());
    }

    @Test
    @Timeout(60)
    void retryBackOffsInsideAMapTakeNoRealTime() throws Exception {
        Path file = tmp.resolve("prices.asl.json");
        Files.writeString(file, """
                {"StartAt": "PriceAll", "States": {"PriceAll": {"Type": "Map", "ItemsPath": "$.items",
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Price", "States": {
                    "Price": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:price",
                      "Retry": [{"ErrorEquals": ["Prices.Unavailable"], "IntervalSeconds": 3600, "MaxAttempts": 3,
                                 "BackoffRate": 2}],
                      "End": true}}},
                  "End": true}}}""");
        // the first two invocations fail: an hour, then two, of back-off
        CliRun.Result r = asl("run", file.toString(), "--clock", "virtual", "--json", "--offline",
                "--input", "{\"items\": [1, 2, 3]}", "--mock-error", "Price=Prices.Unavailable",
                "--mock-error", "Price=Prices.Unavailable", "--mock-state", "Price={\"price\": 1}");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("[{\"price\":1},{\"price\":1},{\"price\":1}]", r.json().path("output").toString());
    }

    @Test
    void aVirtualRunIsNotStored() throws Exception {
        CliRun.Result r = asl("run", definition(), "--clock", "virtual", "--store", tmp.resolve("store").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("asl: --clock virtual runs in memory only: a store would keep times that never were",
                r.err().strip());
        assertEquals(2, asl("run", definition(), "--clock", "sundial").code());
    }
}
