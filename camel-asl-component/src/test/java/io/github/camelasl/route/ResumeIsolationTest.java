package io.github.camelasl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslComponent;
import io.github.camelasl.AslConstants;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.store.SqliteExecutionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One execution that cannot resume after a restart (its checkpoint, history or record corrupt, its definition
 * gone or no longer valid, its checkpoint naming a state the definition lacks) ends FAILED with States.Runtime and
 * a cause naming it and what is wrong; every other execution resumes and the CamelContext starts.
 */
class ResumeIsolationTest {

    @TempDir
    Path storeFolder;

    private static final String WAITING = """
            {"StartAt": "Park", "States": {
              "Park": {"Type": "Wait", "Seconds": 600, "Next": "Done"},
              "Done": {"Type": "Pass", "Result": "VERSION", "ResultPath": "$.version", "End": true}}}""";

    private static final String ARN = "arn:aws:states:us-east-1:123456789012:execution:isolated:";

    private static final List<String> BAD = List.of("corrupt-checkpoint", "unknown-state", "corrupt-history",
            "invalid-definition", "corrupt-input", "odd-variables", "lost-definition");

    @Test
    void anExecutionThatCannotResumeFailsAloneAndTheOthersFinish() throws Exception {
        Path definition = storeFolder.resolveSibling(storeFolder.getFileName() + "-waiting.asl.json");
        // lost-definition starts on a first version, whose definition row is then lost
        Files.writeString(definition, WAITING.replace("VERSION", "v1"));
        startAndStop(definition, List.of("lost-definition"));
        Files.writeString(definition, WAITING.replace("VERSION", "v2"));
        List<String> names = new java.util.ArrayList<>(List.of("good-1", "good-2"));
        names.addAll(BAD.subList(0, BAD.size() - 1));
        startAndStop(definition, names);

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:"
                + storeFolder.resolve(SqliteExecutionStore.FILE_NAME))) {
            update(db, "UPDATE checkpoints SET input = '{\"cut off' WHERE execution_arn LIKE '%:corrupt-checkpoint'");
            update(db, "UPDATE checkpoints SET state_name = 'Renamed' WHERE execution_arn LIKE '%:unknown-state'");
            update(db, "UPDATE events SET event = 'not json' WHERE id = 2 AND execution_arn LIKE '%:corrupt-history'");
            update(db, "INSERT INTO definitions (hash, definition) VALUES ('invalid', '{\"StartAt\": \"Nowhere\", "
                    + "\"States\": {}}')");
            update(db, "UPDATE executions SET definition_hash = 'invalid' WHERE name = 'invalid-definition'");
            update(db, "UPDATE executions SET input = '[1, 2' WHERE name = 'corrupt-input'");
            update(db, "UPDATE checkpoints SET variables = '[1]' WHERE execution_arn LIKE '%:odd-variables'");
            update(db, "DELETE FROM definitions WHERE definition LIKE '%v1%'");
            update(db, "UPDATE checkpoints SET wait_until = 0"); // every Wait is due when the app starts again
        }

        try (CamelContext app = app(definition)) {
            ExecutionStore store = app.getComponent("asl", AslComponent.class).executionStore("STANDARD");
            awaitTrue(() -> BAD.stream().noneMatch(name -> "RUNNING".equals(status(name)))
                    && store.list().stream().allMatch(r -> r.status() != ExecutionStatus.RUNNING),
                    "every execution has ended");
            for (String good : List.of("good-1", "good-2")) {
                ExecutionRecord record = find(store, good);
                assertEquals(ExecutionStatus.SUCCEEDED, record.status(), good + ": " + record.cause());
                assertEquals("v2", record.output().path("version").asText());
            }
            Map<String, String> problems = Map.of(
                    "corrupt-checkpoint", "invalid JSON for the checkpoint of",
                    "unknown-state", "state 'Renamed', which the definition does not have",
                    "corrupt-history", "invalid JSON for an event of",
                    "invalid-definition", "the definition it started with does not deploy",
                    "corrupt-input", "invalid JSON for the input of",
                    "odd-variables", "the variables of " + ARN + "odd-variables as [1], not a JSON object",
                    "lost-definition", "lost the definition of");
            for (String bad : BAD) {
                assertEquals("FAILED", status(bad), bad);
                String cause = column(bad, "cause");
                assertEquals("States.Runtime", column(bad, "error"), bad);
                assertTrue(cause.startsWith("Execution " + ARN + bad + " cannot resume: "), cause);
                assertTrue(cause.contains(problems.get(bad)), bad + ": " + cause);
            }
            // where the history can be read, the end is in it
            for (String bad : List.of("corrupt-checkpoint", "unknown-state", "invalid-definition", "lost-definition")) {
                List<JsonNode> events = store.events(ARN + bad);
                JsonNode last = events.get(events.size() - 1);
                assertEquals("ExecutionFailed", last.path("type").asText(), bad);
                assertEquals(events.size() - 1, events.get(events.size() - 2).path("id").asInt(), "gapless ids");
                assertEquals("States.Runtime", last.path("executionFailedEventDetails").path("error").asText());
            }
        }
    }

    @Test
    void aParkedExecutionWhoseRecordCannotBeReadBackFailsWhenItWakes() throws Exception {
        Path definition = storeFolder.resolveSibling(storeFolder.getFileName() + "-parked.asl.json");
        Files.writeString(definition, WAITING.replace("600", "2"));
        try (CamelContext app = app(definition, "&parkInMemorySeconds=0")) {
            ExecutionStore store = app.getComponent("asl", AslComponent.class).executionStore("STANDARD");
            java.util.concurrent.CompletableFuture<Object> reply = app.createProducerTemplate()
                    .asyncRequestBodyAndHeader("direct:start", "{}", AslConstants.EXECUTION_NAME, "parked");
            awaitTrue(() -> store.lastCheckpoint(ARN + "parked").map(c -> c.waitUntil() != null).orElse(false),
                    "parked out of memory in its Wait");
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:"
                    + storeFolder.resolve(SqliteExecutionStore.FILE_NAME))) {
                update(db, "UPDATE executions SET input = '{' WHERE name = 'parked'");
            }
            java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                    java.util.concurrent.ExecutionException.class,
                    () -> reply.get(15, java.util.concurrent.TimeUnit.SECONDS));
            Throwable failure = e.getCause() instanceof org.apache.camel.CamelExecutionException camel
                    ? camel.getCause() : e.getCause();
            assertTrue(failure instanceof io.github.camelasl.engine.AslError error
                    && error.error().equals("States.Runtime") && error.cause().contains("cannot resume"),
                    String.valueOf(failure));
            assertEquals("FAILED", status("parked"));
            assertEquals("States.Runtime", column("parked", "error"));
            assertTrue(column("parked", "cause").contains("invalid JSON for the input of " + ARN + "parked"),
                    column("parked", "cause"));
        }
    }

    // --- helpers ---

    private void startAndStop(Path definition, List<String> names) throws Exception {
        try (CamelContext app = app(definition)) {
            app.getShutdownStrategy().setTimeout(1);
            ExecutionStore store = app.getComponent("asl", AslComponent.class).executionStore("STANDARD");
            for (String name : names) {
                app.createProducerTemplate().asyncRequestBodyAndHeader("direct:start", "{\"n\":\"" + name + "\"}",
                        AslConstants.EXECUTION_NAME, name);
            }
            awaitTrue(() -> store.list().size() >= names.size() && store.list().stream().allMatch(r -> store
                    .lastCheckpoint(r.executionArn()).map(c -> c.waitUntil() != null).orElse(false)),
                    "every execution parked in its Wait");
        }
    }

    private CamelContext app(Path definition) throws Exception {
        return app(definition, "");
    }

    private CamelContext app(Path definition, String options) throws Exception {
        CamelContext context = StoreContexts.withStore("sqlite", storeFolder);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:start").to("asl:isolated?definition=file:" + definition + options);
            }
        });
        context.start();
        return context;
    }

    private static ExecutionRecord find(ExecutionStore store, String name) {
        return store.find(ARN + name).orElseThrow();
    }

    private String status(String name) {
        return column(name, "status");
    }

    /** Read with JDBC: the record of corrupt-input cannot be read through the store. */
    private String column(String name, String column) {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:"
                + storeFolder.resolve(SqliteExecutionStore.FILE_NAME));
                PreparedStatement ps = db.prepareStatement("SELECT " + column + " FROM executions WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(Connection db, String sql) throws Exception {
        try (var statement = db.createStatement()) {
            assertTrue(statement.executeUpdate(sql) > 0, sql);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }
}
