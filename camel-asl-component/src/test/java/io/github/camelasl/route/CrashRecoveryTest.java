package io.github.camelasl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.SqliteExecutionStore;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * STANDARD executions on the SQLite store survive SIGKILL: a child JVM ({@link CrashRecoveryApp}) runs 1000
 * executions and is killed (Process.destroyForcibly, SIGKILL on Linux) at random moments, several times, and
 * started again each time on the same store. After the last start has run everything to its end, the store must
 * hold every execution SUCCEEDED with its output, and a history as if nothing had happened: gapless ids, one
 * ExecutionStarted, one ExecutionSucceeded, and each state on the execution's path entered and exited once, in
 * order. (Tasks run at least once: a Task a kill interrupted runs again, so its call count is not checked.)
 *
 * <p>The kill moments are drawn from a seeded Random: the seed is printed, and {@code -Dcrash.seed=N} replays
 * the same plan (the child's timing still varies).
 */
class CrashRecoveryTest {

    private static final int COUNT = 1000;
    private static final int KILLS = 5;
    private static final int MIN_KILLS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private Path storeFolder;
    private Path log;
    private final List<String> runSummary = new ArrayList<>();

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void thousandExecutionsSurviveRepeatedSigkills() throws Exception {
        storeFolder = folder.resolve("store");
        log = folder.resolve("child.log");
        Files.writeString(folder.resolve(CrashRecoveryApp.DEFINITION_FILE), CrashRecoveryApp.DEFINITION);
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        runSummary.add("seed " + seed + " (replay with -Dcrash.seed=" + seed + ")");
        long began = System.currentTimeMillis();

        int kills = 0;
        for (int run = 0; run < KILLS; run++) {
            long offset = startRunMarker(run);
            Process child = startChild();
            try {
                // run 0 has nothing to resume: it dies while starting executions. Later runs alternate between a
                // kill while the deployment resumes what the last one left RUNNING and a kill after it.
                boolean duringResume = run % 2 == 1;
                String anchor = awaitAnchor(child, offset, duringResume);
                long delay = 300 + random.nextInt(1201);
                long deadline = System.currentTimeMillis() + delay;
                while (child.isAlive() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(5);
                }
                if (!child.isAlive()) {
                    runSummary.add("run " + run + ": ended by itself before its kill (exit " + child.exitValue()
                            + ")");
                    continue;
                }
                String before = lastAppLine(offset);
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no store close, nothing flushed
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the killed child ended" + tail());
                kills++;
                runSummary.add("run " + run + ": killed " + delay + " ms after '" + anchor + "', exit "
                        + child.exitValue() + "; its last line: " + before);
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
        }
        assertTrue(kills >= MIN_KILLS, "at least " + MIN_KILLS + " kills landed, not " + kills + tail());

        // the last start runs everything to its end
        long offset = startRunMarker(KILLS);
        Process last = startChild();
        try {
            boolean ended = last.waitFor(120, TimeUnit.SECONDS);
            assertTrue(ended, "the last child finished within 120 s" + tail());
            assertEquals(0, last.exitValue(), "the last child's exit code" + tail());
            assertTrue(read(offset).contains("ALL DONE"), "the last child said ALL DONE" + tail());
            runSummary.add("run " + KILLS + ": " + lastAppLine(offset));
        } finally {
            last.destroyForcibly();
            last.waitFor(30, TimeUnit.SECONDS);
        }
        runSummary.add("children took " + (System.currentTimeMillis() - began) + " ms in all");

        verifyStore();
        System.out.println("CrashRecoveryTest: " + String.join("\n  ", runSummary));
    }

    /** Every execution SUCCEEDED with its output, and its history as an uninterrupted run writes it. */
    private void verifyStore() throws IOException {
        List<String> problems = new ArrayList<>();
        try (SqliteExecutionStore store = SqliteExecutionStore.open(storeFolder)) {
            Map<String, ExecutionRecord> byName = new HashMap<>();
            for (ExecutionRecord record : store.list()) {
                if (byName.put(record.name(), record) != null) {
                    problems.add("two executions named " + record.name());
                }
            }
            if (byName.size() != COUNT) {
                problems.add("the store holds " + byName.size() + " executions, not " + COUNT);
            }
            for (int i = 0; i < COUNT; i++) {
                String name = "e-" + i;
                ExecutionRecord record = byName.get(name);
                if (record == null) {
                    problems.add(name + ": lost (not in the store)");
                    continue;
                }
                verifyExecution(i, record, store.events(record.executionArn()), problems);
            }
        }
        if (!problems.isEmpty()) {
            // first what went wrong and to which executions, then the first few in full
            Map<String, List<String>> byKind = new java.util.TreeMap<>();
            for (String problem : problems) {
                int named = problem.indexOf("): ");
                int history = problem.indexOf("\n    history");
                String execution = problem.substring(0, Math.max(0, problem.indexOf(' ')));
                String kinds = named < 0 || history < 0 ? problem
                        : problem.substring(named + 3, history).replaceAll("-?\\d+", "#");
                byKind.computeIfAbsent(kinds, k -> new ArrayList<>()).add(execution);
            }
            StringBuilder summary = new StringBuilder();
            byKind.forEach((kinds, executions) -> summary.append("\n  ").append(executions.size())
                    .append(" execution(s): ").append(kinds).append(": ").append(executions));
            fail(problems.size() + " of " + COUNT + " executions are wrong in the store after the SIGKILLs:"
                    + summary + "\nthe first " + Math.min(10, problems.size()) + " in full:\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(10, problems.size()))) + tail());
        }
    }

    private static void verifyExecution(int n, ExecutionRecord record, List<JsonNode> events, List<String> problems) {
        String name = record.name();
        boolean big = 2 * n >= 1000;
        JsonNode expected = json("{\"n\":" + n + ",\"path\":\"" + (big ? "big" : "small") + "\",\"value\":"
                + (big ? 2 * n + 1000 : 2 * n + 1) + "}");
        List<String> path = List.of("Init", "Double", "Sleep", "Branch", big ? "AddBig" : "AddSmall", "Finish");

        List<String> found = new ArrayList<>();
        if (record.status() != ExecutionStatus.SUCCEEDED) {
            found.add("status " + record.status() + " (" + record.error() + ": " + record.cause() + ")");
        } else if (record.output() == null || !expected.equals(json(record.output().toString()))) {
            found.add("output " + record.output() + ", expected " + expected);
        }
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).path("id").asLong() != i + 1) {
                found.add("event #" + (i + 1) + " has id " + events.get(i).path("id") + " (ids not 1..n gapless)");
                break;
            }
        }
        List<String> types = events.stream().map(e -> e.path("type").asText()).toList();
        long started = types.stream().filter("ExecutionStarted"::equals).count();
        long succeeded = types.stream().filter("ExecutionSucceeded"::equals).count();
        if (started != 1 || types.isEmpty() || !"ExecutionStarted".equals(types.get(0))) {
            found.add(started + " ExecutionStarted, expected exactly one, first");
        }
        if (succeeded != 1 || types.isEmpty() || !"ExecutionSucceeded".equals(types.get(types.size() - 1))) {
            found.add(succeeded + " ExecutionSucceeded, expected exactly one, last");
        }
        List<String> entered = names(events, "stateEnteredEventDetails");
        List<String> exited = names(events, "stateExitedEventDetails");
        if (!entered.equals(path)) {
            found.add("states entered " + entered + ", expected each of " + path + " once, in order");
        }
        if (!exited.equals(path)) {
            found.add("states exited " + exited + ", expected each of " + path + " once, in order");
        }
        if (!found.isEmpty()) {
            problems.add(name + " (" + record.executionArn() + "): " + String.join("; ", found) + "\n    history: "
                    + describe(events));
        }
    }

    /** Parsed by one mapper, so that numbers compare by value (not by IntNode against LongNode). */
    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static List<String> names(List<JsonNode> events, String detailsField) {
        return events.stream().filter(e -> e.has(detailsField)).map(e -> e.get(detailsField).path("name").asText())
                .toList();
    }

    /** The history in one line: id, type and state name of each event. */
    private static String describe(List<JsonNode> events) {
        StringBuilder text = new StringBuilder();
        for (JsonNode e : events) {
            text.append(e.path("id").asText()).append(':').append(e.path("type").asText());
            JsonNode details = e.has("stateEnteredEventDetails") ? e.get("stateEnteredEventDetails")
                    : e.get("stateExitedEventDetails");
            if (details != null) {
                text.append('(').append(details.path("name").asText()).append(')');
            }
            text.append(" @").append(e.path("timestamp").asText()).append(' ');
        }
        return text.toString().trim();
    }

    // --- the child JVM ---

    private Process startChild() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), CrashRecoveryApp.class.getName(), storeFolder.toString(),
                String.valueOf(COUNT));
        builder.redirectErrorStream(true);
        builder.redirectOutput(Redirect.appendTo(log.toFile()));
        return builder.start();
    }

    /** Marks a run's start in the log; returns where its output begins. */
    private long startRunMarker(int run) throws IOException {
        Files.writeString(log, "=== run " + run + " ===\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        return Files.size(log);
    }

    /**
     * Waits for the moment the kill delay counts from: the first resumed execution's log line when
     * {@code duringResume} (if the deployment resumes anything: else the end of the start), else the end of the
     * start ("STARTED", after the resumes).
     */
    private String awaitAnchor(Process child, long offset, boolean duringResume) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            String out = read(offset);
            if (duringResume && out.contains("Resuming execution")) {
                return "Resuming execution";
            }
            if (out.contains(" STARTED ")) {
                return "STARTED";
            }
            if (!child.isAlive()) {
                fail("the child ended (exit " + child.exitValue() + ") before it started" + tail());
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the child did not start within 60 s" + tail());
    }

    private String read(long offset) throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                StandardCharsets.UTF_8);
    }

    /** The last line the app itself printed (not a log line) since {@code offset}. */
    private String lastAppLine(long offset) throws IOException {
        List<String> lines = appLines(read(offset));
        return lines.isEmpty() ? "(none)" : lines.get(lines.size() - 1);
    }

    private static List<String> appLines(String text) {
        return text.lines().filter(l -> !l.contains(" INFO ") && !l.startsWith("\tat ")).toList();
    }

    /** For assertion messages: the runs so far, and the tail of the children's output. */
    private String tail() {
        StringBuilder text = new StringBuilder("\n--- runs ---\n").append(String.join("\n", runSummary));
        try {
            String all = Files.readString(log);
            List<String> lines = appLines(all);
            text.append("\n--- children's output (").append(log).append("), last lines other than INFO ---\n")
                    .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())));
            List<String> raw = all.lines().toList();
            text.append("\n--- last raw lines ---\n")
                    .append(String.join("\n", raw.subList(Math.max(0, raw.size() - 10), raw.size())));
        } catch (IOException e) {
            text.append("\n(cannot read ").append(log).append(": ").append(e).append(')');
        }
        return text.toString();
    }
}
