package io.github.camelasl.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/**
 * What the workloads share: their definitions, plain Jackson for the baselines, and the setup check that every
 * implementation gives the engine's output (so the comparison is honest) with the count of state transitions.
 */
final class Workloads {

    /** Plain Jackson, as a user's hand-written code would use it. */
    static final ObjectMapper JSON = new ObjectMapper();

    /** Where forks leave the transition counts for the summary (set by {@link BenchmarkSuite} for its forks). */
    static final String META_DIR_PROPERTY = "camelasl.bench.meta";

    private Workloads() {
    }

    /** The endpoint URI users would write for a definition under {@code src/main/resources/workloads/}. */
    static String aslUri(String name, String file) {
        return aslUri(name, file, "EXPRESS");
    }

    static String aslUri(String name, String file, String type) {
        return "asl:" + name + "?definition=classpath:workloads/" + file + "&type=" + type;
    }

    static ObjectNode parseObject(String json) {
        return (ObjectNode) parse(json);
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the engine once, checks it succeeded, counts its transitions (history events whose type ends with
     * "StateEntered"), checks each baseline gives the same output, and records the count for the summary.
     *
     * @param key       names the workload (and parameter) in the summary
     * @param normalise makes outputs comparable where they hold generated values (UUIDs); identity otherwise
     * @param baselines implementation name to one run of it
     * @return the transitions per execution
     */
    static int verify(String key, CamelFixture camel, String engineUri, String input, UnaryOperator<JsonNode> normalise,
            Map<String, Callable<String>> baselines) throws Exception {
        CamelFixture.EngineRun run = camel.runEngineOnce(engineUri, input);
        int transitions = countTransitions(run.history());
        if (transitions == 0) {
            throw new IllegalStateException(key + ": the engine's history holds no StateEntered event");
        }
        // EXPRESS executions (the JMH workloads') keep no history in the store, as on AWS: none kept is expected;
        // some but not all would be a broken recording
        if (run.storedEvents() > 0 && run.storedEvents() < run.history().size()) {
            System.err.println("WARNING " + key + ": the execution store kept " + run.storedEvents() + " of the "
                    + run.history().size() + " history events the execution wrote");
        }
        JsonNode expected = normalise.apply(parse(run.output()));
        for (Map.Entry<String, Callable<String>> baseline : baselines.entrySet()) {
            JsonNode actual = normalise.apply(parse(baseline.getValue().call()));
            if (!expected.equals(actual)) {
                throw new IllegalStateException(key + ": the " + baseline.getKey() + " baseline's output differs "
                        + "from the engine's\n  engine:   " + abbreviate(write(expected)) + "\n  baseline: "
                        + abbreviate(write(actual)));
            }
        }
        save(key, new Recorded(transitions, run.history().size(), run.storedEvents()));
        return transitions;
    }

    static int countTransitions(List<JsonNode> history) {
        int n = 0;
        for (JsonNode event : history) {
            if (event.path("type").asText().endsWith("StateEntered")) {
                n++;
            }
        }
        return n;
    }

    /** What setup found about a workload's engine execution, for the summary. */
    record Recorded(int transitions, int eventsWritten, int eventsStored) {
    }

    /** The fork that measures writes it; the launching JVM reads it back for the table. */
    private static void save(String key, Recorded recorded) {
        Path dir = metaDir();
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(key + ".setup"), recorded.transitions() + " " + recorded.eventsWritten()
                    + " " + recorded.eventsStored());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Recorded recorded(String key) {
        Path file = metaDir().resolve(key + ".setup");
        try {
            if (!Files.exists(file)) {
                return null;
            }
            String[] parts = Files.readString(file).trim().split(" ");
            return new Recorded(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path metaDir() {
        return Path.of(System.getProperty(META_DIR_PROPERTY, "target/bench-meta")).toAbsolutePath();
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }
}
