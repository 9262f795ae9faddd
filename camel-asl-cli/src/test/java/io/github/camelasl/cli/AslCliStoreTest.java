package io.github.camelasl.cli;

import static io.github.camelasl.cli.CliRun.asl;
import static io.github.camelasl.cli.CliRun.def;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelasl.AslDeployer;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.store.ExecutionStore.Checkpoint;
import io.github.camelasl.store.SqliteExecutionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --store}: durable runs, {@code asl resume} and {@code asl executions ...} on a SQLite store. */
class AslCliStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WAITING = "{\"StartAt\": \"P\", \"States\": {"
            + "\"P\": {\"Type\": \"Pass\", \"Result\": \"ok\", \"ResultPath\": \"$.p\", \"Next\": \"W\"},"
            + "\"W\": {\"Type\": \"Wait\", \"Seconds\": %d, \"Next\": \"Done\"},"
            + "\"Done\": {\"Type\": \"Succeed\"}}}";

    @TempDir
    Path tmp;


    private String store() {
        return tmp.resolve("store").toString();
    }

    private static void assertOneLineError(CliRun.Result r, String expected) {
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("asl: ") && r.err().contains(expected), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void aRunWithAStoreCanBeListedDescribedAndItsHistoryShown() throws Exception {
        CliRun.Result run = asl("run", def("choice.asl.json"), "--input", "{\"value\": 7}", "--store", store(),
                "--name", "first", "--json");
        assertEquals(0, run.code(), run.err() + run.out());
        String arn = "arn:aws:states:us-east-1:123456789012:execution:choice:first";
        assertEquals(arn, run.json().path("executionArn").asText());
        assertTrue(Files.isRegularFile(tmp.resolve("store").resolve(SqliteExecutionStore.FILE_NAME)));

        // the name is the store's now: running it again is AWS's ExecutionAlreadyExists
        assertOneLineError(asl("run", def("choice.asl.json"), "--store", store(), "--name", "first"),
                "Execution Already Exists");

        CliRun.Result list = asl("executions", "list", "--store", store());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().startsWith("SUCCEEDED ") && list.out().trim().endsWith(arn), list.out());
        JsonNode executions = asl("executions", "list", "--store", store(), "--json").json().path("executions");
        assertEquals(1, executions.size());
        assertEquals("choice", executions.get(0).path("stateMachineArn").asText().replaceAll(".*:", ""));
        assertEquals(0, asl("executions", "list", "--store", store(), "--status", "FAILED", "--json").json()
                .path("executions").size());

        CliRun.Result describe = asl("executions", "describe", arn, "--store", store());
        assertEquals(0, describe.code(), describe.err());
        assertTrue(describe.out().contains("status:          SUCCEEDED"), describe.out());
        assertTrue(describe.out().contains("inputDetails:    {\"included\":true}"), describe.out());
        JsonNode described = asl("executions", "describe", arn, "--store", store(), "--json").json();
        assertEquals("SUCCEEDED", described.path("status").asText());
        assertEquals(run.json().path("output"), JSON.readTree(described.path("output").asText()));
        assertTrue(described.path("startDate").asText().endsWith("Z"), described.toString());

        CliRun.Result history = asl("executions", "history", arn, "--store", store());
        assertEquals(0, history.code(), history.err());
        List<String> lines = history.out().lines().toList();
        assertTrue(lines.get(0).matches("\\s*1 ExecutionStarted\\s*"), lines.get(0));
        assertTrue(lines.get(lines.size() - 1).contains("ExecutionSucceeded"), history.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\s*2 PassStateEntered\\s+Double")), history.out());
        JsonNode events = asl("executions", "history", arn, "--store", store(), "--json").json().path("events");
        assertEquals(lines.size(), events.size());
        assertEquals("ExecutionStarted", events.get(0).path("type").asText());
    }

    @Test
    void aFailedExecutionIsRedrivenOnceItsTaskIsFixed() throws Exception {
        Path down = tmp.resolve("down.properties");
        Files.writeString(down, "arn:aws:lambda:*:*:function:* = class:io.github.camelasl.cli.OrderFunctions"
                + "?method=unavailable\n");
        CliRun.Result run = asl("run", def("validate-orders.asl.json"), "--input", "{\"order\": 7}", "--name", "o7",
                "--store", store(), "--resource-map", down.toString(), "--json");
        assertEquals(1, run.code(), run.err() + run.out());
        assertEquals("FAILED", run.json().path("status").asText());
        String arn = run.json().path("executionArn").asText();
        assertEquals("REDRIVABLE", asl("executions", "describe", arn, "--store", store(), "--json").json()
                .path("redriveStatus").asText());

        // the functions are back: the redrive goes on from the failed Task, on the definition it started with (the
        // execution named by its name, as the other commands take it too)
        CliRun.Result redrive = asl("executions", "redrive", "o7", "--store", store(),
                "--resource-map", def("orders.resource-map.properties"));
        assertEquals(0, redrive.code(), redrive.err() + redrive.out());
        // the first run's trace, then the redrive's
        assertTrue(redrive.out().indexOf("✗ Validate") < redrive.out().indexOf("↻ redrive 1"), redrive.out());
        assertTrue(redrive.out().contains("✓ Score"), redrive.out());
        assertTrue(redrive.out().contains("\nSUCCEEDED in "), redrive.out());

        JsonNode described = asl("executions", "describe", arn, "--store", store(), "--json").json();
        assertEquals("SUCCEEDED", described.path("status").asText());
        assertEquals(1, described.path("redriveCount").asInt());
        assertEquals("{\"order\":7,\"validation\":{\"valid\":true},\"score\":0.9}", described.path("output").asText());

        // a succeeded execution cannot be redriven again
        assertOneLineError(asl("executions", "redrive", arn, "--store", store(), "--json"), "not redrivable");
    }

    @Test
    void anExecutionIsFoundByItsNameAsByItsArn() throws Exception {
        assertEquals(0, asl("run", def("choice.asl.json"), "--input", "{\"value\": 7}", "--store", store(), "--name",
                "first", "--json").code());
        String arn = "arn:aws:states:us-east-1:123456789012:execution:choice:first";
        assertEquals(arn, asl("executions", "describe", "first", "--store", store(), "--json").json()
                .path("executionArn").asText());
        JsonNode events = asl("executions", "history", "first", "--store", store(), "--json").json().path("events");
        assertEquals("ExecutionSucceeded", events.get(events.size() - 1).path("type").asText());

        String left = leaveRunning(3600, "left");
        CliRun.Result stop = asl("executions", "stop", "left", "--store", store());
        assertEquals(0, stop.code(), stop.err());
        assertEquals(left + " ABORTED", stop.out().trim());
        assertOneLineError(asl("executions", "describe", "nobody", "--store", store()), "no execution nobody in the "
                + "store " + store());
    }

    @Test
    void aNameExecutionsOfSeveralStateMachinesHaveIsRefusedListingTheirArns() {
        // unique per state machine, as AWS's execution names are: two state machines may each have one "same"
        assertEquals(0, asl("run", def("choice.asl.json"), "--input", "{\"value\": 7}", "--store", store(), "--name",
                "same", "--json").code());
        assertEquals(0, asl("run", def("choice.asl.json"), "--input", "{\"value\": 7}", "--state-machine-name",
                "other", "--store", store(), "--name", "same", "--json").code());
        for (String command : List.of("describe", "history", "stop", "redrive")) {
            assertOneLineError(asl("executions", command, "same", "--store", store()), "the name same is ambiguous: "
                    + "executions of 2 state machines in the store " + store() + " have it; give the ARN of one: "
                    + "arn:aws:states:us-east-1:123456789012:execution:choice:same, "
                    + "arn:aws:states:us-east-1:123456789012:execution:other:same");
        }
    }

    @Test
    void theStoreFolderComesFromAslStoreWhenNotGiven() throws Exception {
        assertEquals(0, asl("run", def("choice.asl.json"), "--input", "{\"value\": 7}", "--store", store(), "--name",
                "first", "--json").code());
        // the environment is the process's: the command runs in a JVM of its own
        CliRun.Result described = aslProcess(Map.of("ASL_STORE", store()), "executions", "describe", "first",
                "--json");
        assertEquals(0, described.code(), described.err());
        assertEquals("SUCCEEDED", JSON.readTree(described.out()).path("status").asText());

        CliRun.Result missing = aslProcess(Map.of(), "executions", "list");
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("missing --store DIR (or the ASL_STORE environment variable)"),
                missing.err());
        assertTrue(asl("executions", "history", "--help").out().contains("ASL_STORE"));
    }

    @Test
    void runKeepsAStandardExecutionInTheAslStoreFolderAndAnExpressOneNowhere() throws Exception {
        CliRun.Result standard = aslProcess(Map.of("ASL_STORE", store()), "run", def("choice.asl.json"), "--input",
                "{\"value\": 7}", "--name", "from-env", "--json");
        assertEquals(0, standard.code(), standard.err());
        assertEquals("arn:aws:states:us-east-1:123456789012:execution:choice:from-env",
                JSON.readTree(standard.out()).path("executionArn").asText(), standard.out());
        assertEquals("SUCCEEDED", asl("executions", "describe", "from-env", "--store", store(), "--json").json()
                .path("status").asText());

        // AWS keeps no EXPRESS history: ASL_STORE does not apply (an explicit --store is refused)
        CliRun.Result express = aslProcess(Map.of("ASL_STORE", store()), "run", def("choice.asl.json"), "--input",
                "{\"value\": 7}", "--name", "express-one", "--type", "EXPRESS", "--json");
        assertEquals(0, express.code(), express.err());
        assertEquals(2, asl("executions", "describe", "express-one", "--store", store()).code());
        assertTrue(asl("run", "--help").out().contains("ASL_STORE"));
    }

    /** The CLI run in a JVM of its own, whose environment has ASL_STORE only as {@code environment} says. */
    private CliRun.Result aslProcess(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), AslCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("ASL_STORE");
        builder.environment().putAll(environment);
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process child = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the command ended");
        } finally {
            child.destroyForcibly();
        }
        return new CliRun.Result(child.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void aRunningExecutionLeftInTheStoreIsStopped() throws Exception {
        String arn = leaveRunning(3600);
        CliRun.Result list = asl("executions", "list", "--store", store(), "--status", "RUNNING");
        assertTrue(list.out().contains(arn), list.out());

        CliRun.Result stop = asl("executions", "stop", arn, "--store", store(), "--error", "Operator", "--cause", "no longer");
        assertEquals(0, stop.code(), stop.err());
        assertEquals(arn + " ABORTED", stop.out().trim());
        JsonNode described = asl("executions", "describe", arn, "--store", store(), "--json").json();
        assertEquals("ABORTED", described.path("status").asText());
        assertEquals("Operator", described.path("error").asText());
        assertEquals("no longer", described.path("cause").asText());
        JsonNode events = asl("executions", "history", arn, "--store", store(), "--json").json().path("events");
        assertEquals("ExecutionAborted", events.get(events.size() - 1).path("type").asText());

        assertOneLineError(asl("executions", "stop", arn, "--store", store()), "is not RUNNING: it is ABORTED");
        CliRun.Result resume = asl("resume", "--store", store());
        assertEquals(0, resume.code(), resume.err());
        assertEquals("No unfinished executions in " + store(), resume.out().trim());
    }

    @Test
    void resumeRunsTheUnfinishedExecutionsToTheirEnd() throws Exception {
        String arn = leaveRunning(1);
        CliRun.Result resume = asl("resume", "--store", store(), "--json");
        assertEquals(0, resume.code(), resume.err() + resume.out());
        JsonNode resumed = resume.json();
        assertEquals(1, resumed.size(), resume.out());
        assertEquals(arn, resumed.get(0).path("executionArn").asText());
        assertEquals("SUCCEEDED", resumed.get(0).path("status").asText());
        assertEquals("{\"p\":\"ok\"}", resumed.get(0).path("output").asText());

        // nothing is left to resume, and the history went on where it stopped
        assertEquals("[]", asl("resume", "--store", store(), "--json").out().trim());
        CliRun.Result history = asl("executions", "history", arn, "--store", store());
        assertEquals(1, history.out().lines().filter(l -> l.contains("ExecutionStarted")).count(), history.out());
        assertTrue(history.out().contains("WaitStateExited"), history.out());
    }

    @Test
    void runningTheSameNameWithTheSameInputGoesOnWithThatExecution() throws Exception {
        String arn = leaveRunning(1);
        Path definition = tmp.resolve("waiting.asl.json");
        Files.writeString(definition, String.format(WAITING, 1));
        // a different input is another execution: its name is taken
        assertOneLineError(asl("run", definition.toString(), "--store", store(), "--name", "left", "--input",
                "{\"other\": 1}"), "Execution Already Exists: '" + arn + "'");

        // AWS's idempotent StartExecution: the same name and input while it runs is that execution
        CliRun.Result again = asl("run", definition.toString(), "--store", store(), "--name", "left", "--input", "{}");
        assertEquals(0, again.code(), again.err() + again.out());
        assertTrue(again.err().contains("execution " + arn + " is RUNNING in " + store() + " with this input"),
                again.err());
        assertTrue(again.out().contains("\nSUCCEEDED in "), again.out());
        assertTrue(again.out().contains("Execution: " + arn), again.out());
        CliRun.Result history = asl("executions", "history", arn, "--store", store());
        assertEquals(1, history.out().lines().filter(l -> l.contains("ExecutionStarted")).count(), history.out());
        assertEquals(1, asl("executions", "list", "--store", store(), "--json").json().path("executions").size());

        // once it has ended, the name is taken for good
        assertOneLineError(asl("run", definition.toString(), "--store", store(), "--name", "left", "--input", "{}"),
                "Execution Already Exists: '" + arn + "'");
    }

    @Test
    void runningTheSameNameAndInputOnAnotherDefinitionIsExecutionAlreadyExists() throws Exception {
        String arn = leaveRunning(1);
        Path changed = Files.createDirectories(tmp.resolve("changed")).resolve("waiting.asl.json");
        Files.writeString(changed, String.format(WAITING, 1).replace("\"ok\"", "\"changed\""));
        assertOneLineError(asl("run", changed.toString(), "--store", store(), "--name", "left", "--input", "{}"),
                "Execution Already Exists: '" + arn + "' is RUNNING in " + store() + " on another definition than "
                        + changed);
        assertEquals("RUNNING", asl("executions", "describe", arn, "--store", store(), "--json").json()
                .path("status").asText(), "the stored execution is left as it was");

        // the same definition laid out otherwise is the same one: the execution goes on
        Path reformatted = tmp.resolve("waiting.asl.json");
        Files.writeString(reformatted, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                JSON.readTree(String.format(WAITING, 1))));
        CliRun.Result again = asl("run", reformatted.toString(), "--store", store(), "--name", "left", "--input",
                "{}", "--json");
        assertEquals(0, again.code(), again.err() + again.out());
        assertEquals("{\"p\":\"ok\"}", again.json().path("output").toString());
    }

    @Test
    void resumeFailsAnExecutionThatCannotResumeAndRunsTheOthers() throws Exception {
        String good = leaveRunning(1, "good");
        String corrupt = leaveRunning(1, "corrupt");
        String invalid = leaveRunning(1, "invalid");
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                + tmp.resolve("store").resolve(SqliteExecutionStore.FILE_NAME));
                java.sql.Statement sql = db.createStatement()) {
            sql.executeUpdate("UPDATE checkpoints SET input = '{' WHERE execution_arn = '" + corrupt + "'");
            sql.executeUpdate("INSERT INTO definitions (hash, definition) VALUES ('bad', '{\"StartAt\": \"X\"}')");
            sql.executeUpdate("UPDATE executions SET definition_hash = 'bad' WHERE execution_arn = '" + invalid + "'");
        }
        CliRun.Result resume = asl("resume", "--store", store());
        assertEquals(1, resume.code(), resume.err() + resume.out());
        assertTrue(resume.out().contains(good + " SUCCEEDED"), resume.out());
        assertTrue(resume.out().contains(corrupt + " FAILED"), resume.out());
        assertTrue(resume.out().contains(invalid + " FAILED"), resume.out());
        JsonNode described = asl("executions", "describe", corrupt, "--store", store(), "--json").json();
        assertEquals("States.Runtime", described.path("error").asText());
        assertTrue(described.path("cause").asText().startsWith("Execution " + corrupt + " cannot resume: The "
                + "execution store holds invalid JSON for the checkpoint of " + corrupt), described.toString());
        assertTrue(asl("executions", "describe", invalid, "--store", store(), "--json").json().path("cause").asText()
                .contains("the definition it started with does not deploy"));
        assertEquals("[]", asl("resume", "--store", store(), "--json").out().trim(), "none is left RUNNING");
    }

    @Test
    void anExecutionTheStoreCannotReadIsNamedAndLeftOutOfTheList() throws Exception {
        assertEquals(0, asl("run", def("choice.asl.json"), "--input", "{\"value\": 1}", "--store", store(),
                "--name", "readable").code());
        assertEquals(0, asl("run", def("choice.asl.json"), "--input", "{\"value\": 2}", "--store", store(),
                "--name", "corrupt").code());
        String corrupt = "arn:aws:states:us-east-1:123456789012:execution:choice:corrupt";
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                + tmp.resolve("store").resolve(SqliteExecutionStore.FILE_NAME));
                java.sql.Statement sql = db.createStatement()) {
            sql.executeUpdate("UPDATE executions SET input = '{' WHERE execution_arn = '" + corrupt + "'");
        }
        CliRun.Result describe = asl("executions", "describe", corrupt, "--store", store());
        assertEquals(1, describe.code(), describe.err());
        assertTrue(describe.err().startsWith("asl: The execution store holds invalid JSON for the input of "
                + corrupt + ": "), describe.err());
        assertEquals(1, describe.err().lines().count(), describe.err());
        CliRun.Result list = asl("executions", "list", "--store", store());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains(":readable") && !list.out().contains(":corrupt"), list.out());
    }

    @Test
    void storeProblemsAreOneLineUsageErrors() throws Exception {
        String missing = tmp.resolve("missing").toString();
        assertOneLineError(asl("executions", "list", "--store", missing), "no execution store " + missing);
        assertOneLineError(asl("resume", "--store", missing), "no execution store " + missing);
        assertFalse(Files.exists(Path.of(missing)), "reading a store must not create one");

        assertEquals(0, asl("run", def("choice.asl.json"), "--input", "{\"value\": 1}", "--store", store()).code());
        String unknown = "arn:aws:states:us-east-1:123456789012:execution:choice:nope";
        for (String command : List.of("describe", "history", "stop", "redrive")) {
            assertOneLineError(asl("executions", command, unknown, "--store", store()),
                    "no execution " + unknown + " in the store " + store());
        }

        try (SqliteExecutionStore inUse = SqliteExecutionStore.open(Path.of(store()))) {
            assertOneLineError(asl("executions", "list", "--store", store()), "is in use");
            assertOneLineError(asl("run", def("choice.asl.json"), "--store", store()), "is in use");
        }
        assertOneLineError(asl("run", def("choice.asl.json"), "--store", store(), "--type", "EXPRESS"),
                "STANDARD executions only");
        assertEquals(2, asl("executions", "list").code()); // --store is required
    }

    /**
     * An execution left RUNNING in the store, parked in a Wait of {@code seconds}, as a process stopped in the
     * middle of it leaves it: started through the component, whose timers and CamelContext then stop.
     */
    private String leaveRunning(int seconds) throws Exception {
        return leaveRunning(seconds, "left");
    }

    private String leaveRunning(int seconds, String name) throws Exception {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getShutdownStrategy().setTimeout(1);
        camel.start();
        try (SqliteExecutionStore store = SqliteExecutionStore.open(Path.of(store()))) {
            AslDeployer deployer = new AslDeployer(camel, store, new ResourceResolvers(camel, List.of(), List.of()),
                    timers);
            StateMachineRuntime runtime = deployer.deploy("waiting", String.format(WAITING, seconds),
                    StateMachineConfig.of("waiting"));
            String arn = runtime.begin(Json.NODES.objectNode(), name, Map.of(), List.of(), false).executionArn();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!store.lastCheckpoint(arn).map(Checkpoint::stateName).orElse("").equals("W")) {
                assertTrue(System.nanoTime() < deadline, "the execution never reached its Wait");
                Thread.sleep(10);
            }
            return arn;
        } finally {
            timers.shutdownNow(); // the Wait never ends in this process
            camel.stop();
        }
    }
}
