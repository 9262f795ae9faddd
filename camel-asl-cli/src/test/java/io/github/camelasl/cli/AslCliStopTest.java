package io.github.camelasl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.ExecutionStore.Checkpoint;
import io.github.camelasl.store.SqliteExecutionStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code asl run --store} stopped by SIGTERM (a shutdown hook runs) says that the execution stays RUNNING in the
 * store and how to finish it, and the store holds it RUNNING at its last checkpoint.
 */
class AslCliStopTest {

    private static final String WAITING = """
            {"StartAt": "P", "States": {
              "P": {"Type": "Pass", "Next": "W"},
              "W": {"Type": "Wait", "Seconds": 3600, "Next": "Done"},
              "Done": {"Type": "Succeed"}}}""";

    @TempDir
    Path tmp;

    @Test
    void aRunStoppedBySigtermSaysItsExecutionStaysRunningAndHowToResumeIt() throws Exception {
        Path definition = tmp.resolve("waiting.asl.json");
        Files.writeString(definition, WAITING);
        Path store = tmp.resolve("store");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), AslCli.class.getName(), "run", definition.toString(),
                "--store", store.toString(), "--name", "stopped");
        Path stderr = tmp.resolve("stderr.txt");
        builder.redirectError(stderr.toFile());
        Process child = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine(); // the trace: the run is in its Wait once it prints it
            } while (line != null && !line.contains("▶ W (Wait)"));
            assertTrue(line != null, "the run reached its Wait; stderr: " + Files.readString(stderr));
            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the run stopped");
        } finally {
            child.destroyForcibly();
        }

        String arn = "arn:aws:states:us-east-1:123456789012:execution:waiting:stopped";
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        assertTrue(err.contains("asl: stopped: execution " + arn + " stays RUNNING in the store " + store
                + " at its last checkpoint. To finish it, run: asl resume --store " + store
                + " (or this command again, with --name stopped and the same input)"), err);
        try (SqliteExecutionStore opened = SqliteExecutionStore.open(store)) {
            ExecutionRecord record = opened.find(arn).orElseThrow();
            assertEquals(ExecutionStatus.RUNNING, record.status());
            assertEquals("W", opened.lastCheckpoint(arn).map(Checkpoint::stateName).orElse(null));
        }
    }
}
