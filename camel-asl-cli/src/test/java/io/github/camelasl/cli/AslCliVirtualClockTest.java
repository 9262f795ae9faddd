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
    void aVirtualRunIsNotStored() throws Exception {
        CliRun.Result r = asl("run", definition(), "--clock", "virtual", "--store", tmp.resolve("store").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("asl: --clock virtual runs in memory only: a store would keep times that never were",
                r.err().strip());
        assertEquals(2, asl("run", definition(), "--clock", "sundial").code());
    }
}
