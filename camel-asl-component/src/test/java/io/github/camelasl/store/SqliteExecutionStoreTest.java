package io.github.camelasl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.history.ExecutionHistory;
import io.github.camelasl.history.HistoryEventType;
import io.github.camelasl.store.ExecutionStore.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteExecutionStoreTest {

    @TempDir
    Path folder;

    @Test
    void keepsExecutionsEventsAndCheckpointsAcrossAReopen() throws Exception {
        Instant started = Instant.ofEpochMilli(1_700_000_000_123L);
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            ExecutionRecord record = running("e1", started);
            assertSame(record, store.create(record));
            ExecutionHistory history = new ExecutionHistory(List.of(), store.recorder("e1")::appendEvent);
            history.append(HistoryEventType.ExecutionStarted, 0, Json.NODES.objectNode().put("input", "{}"));
            history.append(HistoryEventType.StateEntered, "PassStateEntered", 1,
                    Json.NODES.objectNode().put("name", "A"));
            store.checkpoint("e1", new Checkpoint(Checkpoint.TOP, "B", json("{\"x\":1}"), 2, json("{\"v\":[1]}"),
                    null));
            store.checkpoint("e1", new Checkpoint("/States/P/Branches/0", "Inner", json("{}"))); // not kept
        }
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            ExecutionRecord found = store.find("e1").orElseThrow();
            assertEquals(ExecutionStatus.RUNNING, found.status());
            assertEquals(started, found.startDate());
            assertEquals("{\"StartAt\":\"A\"}", found.definition());
            assertEquals(json("{\"order\":7}"), found.input());
            assertEquals(List.of("ExecutionStarted", "PassStateEntered"),
                    store.events("e1").stream().map(e -> e.get("type").asText()).toList());
            assertEquals("A", store.events("e1").get(1).at("/stateEnteredEventDetails/name").asText());
            Checkpoint checkpoint = store.lastCheckpoint("e1").orElseThrow();
            assertEquals("B", checkpoint.stateName());
            assertEquals(json("{\"x\":1}"), checkpoint.input());
            assertEquals(2, checkpoint.lastEventId());
            assertEquals(json("{\"v\":[1]}"), checkpoint.variables());
            assertNull(checkpoint.waitUntil());
            assertEquals(List.of("e1"), store.unfinished("sm").stream().map(ExecutionRecord::executionArn).toList());

            store.complete(found.finished(ExecutionStatus.SUCCEEDED, json("{\"done\":true}"), null, null,
                    started.plusSeconds(1)));
        }
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            ExecutionRecord done = store.find("e1").orElseThrow();
            assertEquals(ExecutionStatus.SUCCEEDED, done.status());
            assertEquals(json("{\"done\":true}"), done.output());
            assertEquals(started.plusSeconds(1), done.stopDate());
            assertTrue(store.lastCheckpoint("e1").isEmpty(), "a finished execution keeps no checkpoint");
            assertTrue(store.unfinished("sm").isEmpty());
        }
    }

    @Test
    void anExistingArnReturnsTheExistingExecution() {
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            ExecutionRecord first = running("e1", Instant.now());
            store.create(first);
            ExecutionRecord second = store.create(new ExecutionRecord("e1", "sm", "e1", ExecutionStatus.RUNNING,
                    json("{\"other\":true}"), null, null, null, Instant.now(), null, null));
            assertEquals(first.input(), second.input());
            assertEquals(1, store.list().size());
        }
    }

    @Test
    void aWaitingCheckpointKeepsItsDueTime() {
        Instant due = Instant.ofEpochMilli(1_800_000_000_000L);
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            store.create(running("e1", Instant.now()));
            store.checkpoint("e1", new Checkpoint(Checkpoint.TOP, "Park", json("{}"), 3, null, null)
                    .waitingUntil(due));
            assertEquals(due, store.lastCheckpoint("e1").orElseThrow().waitUntil());
        }
    }

    @Test
    void aSecondStoreOnTheSameFolderIsRefused() {
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            ExecutionStoreException e = assertThrows(ExecutionStoreException.class,
                    () -> SqliteExecutionStore.open(folder));
            assertTrue(e.getMessage().contains("is in use by another store or process"), e.getMessage());
            assertTrue(e.getMessage().contains(SqliteExecutionStore.LOCK_NAME), e.getMessage());
        }
        SqliteExecutionStore.open(folder).close(); // released on close
    }

    @Test
    void aFileThatIsNotAStoreIsNamedAndLeftAlone() throws Exception {
        Path file = folder.resolve(SqliteExecutionStore.FILE_NAME);
        byte[] garbage = "this is not a database, but somebody's notes ".repeat(200).getBytes();
        Files.write(file, garbage);
        ExecutionStoreException e = assertThrows(ExecutionStoreException.class,
                () -> SqliteExecutionStore.open(folder));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a Camel ASL store or is corrupt"), e.getMessage());
        assertEquals(List.of(garbage.length), List.of(Files.readAllBytes(file).length), "the file is not touched");
        // and the folder is not left locked
        Files.delete(file);
        SqliteExecutionStore.open(folder).close();
    }

    @Test
    void aStoreOfANewerSchemaIsRefused() throws Exception {
        SqliteExecutionStore.open(folder).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(SqliteExecutionStore.FILE_NAME));
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_version (version) VALUES (99)");
        }
        ExecutionStoreException e = assertThrows(ExecutionStoreException.class,
                () -> SqliteExecutionStore.open(folder));
        assertTrue(e.getMessage().contains("schema version 99 is newer"), e.getMessage());
    }

    @Test
    void aStoreOfTheFirstSchemaIsMigratedAndKeepsItsExecutions() throws Exception {
        Instant started = Instant.ofEpochMilli(1_700_000_000_000L);
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            store.create(running("e1", started));
            store.complete(running("e1", started).finished(ExecutionStatus.FAILED, null, "Boom", "it broke",
                    started.plusSeconds(5)));
        }
        // back to version 1 as an older release wrote it: no redrive columns
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(SqliteExecutionStore.FILE_NAME));
                Statement s = c.createStatement()) {
            s.execute("ALTER TABLE executions DROP COLUMN redrive_count");
            s.execute("ALTER TABLE executions DROP COLUMN redrive_date");
            s.execute("DROP TABLE step_results");
            s.execute("ALTER TABLE checkpoints DROP COLUMN task_token");
            s.execute("ALTER TABLE checkpoints DROP COLUMN retry_attempts");
            s.execute("ALTER TABLE checkpoints DROP COLUMN succeeded_runs");
            s.execute("DROP INDEX executions_by_name");
            s.execute("DROP TABLE state_machine_versions");
            s.execute("DROP TABLE state_machine_version_numbers");
            s.execute("DROP TABLE state_machine_aliases");
            s.execute("DROP TABLE state_machines");
            s.execute("DROP TABLE executions_started_through");
            s.execute("DROP TABLE activities");
            s.execute("DROP TABLE resource_tags");
            s.execute("ALTER TABLE executions DROP COLUMN failed_state");
            s.execute("DELETE FROM schema_version WHERE version >= 2");
        }
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            ExecutionRecord migrated = store.find("e1").orElseThrow();
            assertEquals(ExecutionStatus.FAILED, migrated.status());
            assertEquals(0, migrated.redriveCount());
            ExecutionRecord redriven = store.redrive("e1", started.plusSeconds(60)).orElseThrow();
            assertEquals(ExecutionStatus.RUNNING, redriven.status());
            assertEquals(1, redriven.redriveCount());
            assertEquals(started.plusSeconds(60), redriven.redriveDate());
            assertNull(redriven.stopDate());
            assertTrue(store.redrive("e1", Instant.now()).isEmpty(), "a RUNNING execution is not redriven");
            assertEquals(List.of("e1"), store.findByName("e1").stream().map(ExecutionRecord::executionArn).toList());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(SqliteExecutionStore.FILE_NAME));
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rs.next();
            assertEquals(SqliteExecutionStore.SCHEMA_VERSION, rs.getInt(1));
        }
    }

    @Test
    void keepsStateMachinesAcrossAReopenWithTheirDefinitionsByHash() {
        Instant created = Instant.ofEpochMilli(1_700_000_000_000L);
        StoredStateMachine first = new StoredStateMachine("arn:sm:a", "a", "STANDARD", "arn:role", "{\"StartAt\":\"A\"}",
                created, null);
        StoredStateMachine second = new StoredStateMachine("arn:sm:b", "b", "EXPRESS", "arn:role", "{\"StartAt\":\"B\"}",
                created.plusSeconds(1), null);
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            store.putStateMachine(second);
            store.putStateMachine(first);
            store.putStateMachine(new StoredStateMachine("arn:sm:c", "c", "STANDARD", "arn:role", "{}", created, null));
            store.deleteStateMachine("arn:sm:c");
        }
        StoredStateMachine updated = new StoredStateMachine("arn:sm:a", "a", "STANDARD", "arn:role2",
                "{\"StartAt\":\"A2\"}", created, created.plusSeconds(60));
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            assertEquals(List.of(first, second), store.stateMachines(), "oldest first, the deleted one gone");
            store.putStateMachine(updated);
        }
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            assertEquals(List.of(updated, second), store.stateMachines());
        }
    }

    @Test
    void keepsVersionsAndAliasesAcrossAReopenAndForgetsThemWithTheirStateMachine() {
        Instant created = Instant.ofEpochMilli(1_700_000_000_000L);
        StoredStateMachineVersion one = new StoredStateMachineVersion("arn:sm:a", 1, "{\"StartAt\":\"V1\"}",
                "arn:role", "first", created);
        StoredStateMachineVersion two = new StoredStateMachineVersion("arn:sm:a", 2, "{\"StartAt\":\"V2\"}",
                "arn:role", null, created.plusSeconds(1));
        StoredStateMachineAlias alias = new StoredStateMachineAlias("arn:sm:a", "prod", "live",
                List.of(new StoredStateMachineAlias.Route("arn:sm:a:1", 90),
                        new StoredStateMachineAlias.Route("arn:sm:a:2", 10)), created, created.plusSeconds(2));
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            store.putStateMachine(new StoredStateMachine("arn:sm:a", "a", "STANDARD", "arn:role", "{}", created,
                    null));
            store.putStateMachineVersion(one);
            store.putStateMachineVersion(two);
            store.putStateMachineVersion(new StoredStateMachineVersion("arn:sm:a", 3, "{}", "arn:role", null,
                    created));
            store.deleteStateMachineVersion("arn:sm:a", 3);
            store.putStateMachineAlias(alias);
            store.putStateMachineAlias(new StoredStateMachineAlias("arn:sm:a", "gone", null,
                    List.of(new StoredStateMachineAlias.Route("arn:sm:a:1", 100)), created, created));
            store.deleteStateMachineAlias("arn:sm:a", "gone");
        }
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            assertEquals(List.of(one, two), store.stateMachineVersions());
            assertEquals(3, store.lastStateMachineVersionNumber("arn:sm:a"), "a deleted number is not given again");
            assertEquals(0, store.lastStateMachineVersionNumber("arn:sm:b"));
            assertEquals(List.of(alias), store.stateMachineAliases());
            store.deleteStateMachine("arn:sm:a");
            assertEquals(List.of(), store.stateMachineVersions());
            assertEquals(List.of(), store.stateMachineAliases());
            assertEquals(0, store.lastStateMachineVersionNumber("arn:sm:a"));
        }
    }

    @Test
    void aStoreOfVersion7IsMigratedAndKeepsItsStateMachinesAndVersionsThen() throws Exception {
        Instant created = Instant.ofEpochMilli(1_700_000_000_000L);
        StoredStateMachine machine = new StoredStateMachine("arn:sm:a", "a", "STANDARD", "arn:role",
                "{\"StartAt\":\"A\"}", created, null);
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            store.putStateMachine(machine);
        }
        // back to version 7 as the release before versions wrote it
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(SqliteExecutionStore.FILE_NAME));
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE state_machine_versions");
            s.execute("DROP TABLE state_machine_version_numbers");
            s.execute("DROP TABLE state_machine_aliases");
            s.execute("DROP TABLE executions_started_through");
            s.execute("DROP TABLE activities");
            s.execute("DROP TABLE resource_tags");
            s.execute("ALTER TABLE executions DROP COLUMN failed_state");
            s.execute("DELETE FROM schema_version WHERE version >= 8");
        }
        StoredStateMachineVersion version = new StoredStateMachineVersion("arn:sm:a", 1, machine.definition(),
                "arn:role", null, created);
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            assertEquals(List.of(machine), store.stateMachines());
            assertEquals(List.of(), store.stateMachineVersions());
            store.putStateMachineVersion(version);
        }
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            assertEquals(List.of(version), store.stateMachineVersions());
        }
    }

    @Test
    void aStoreOfVersion6IsMigratedAndKeepsStateMachinesThen() throws Exception {
        Instant started = Instant.ofEpochMilli(1_700_000_000_000L);
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            store.create(running("e1", started));
        }
        // back to version 6 as the release before the API server's state machines wrote it
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(SqliteExecutionStore.FILE_NAME));
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE state_machine_versions");
            s.execute("DROP TABLE state_machine_version_numbers");
            s.execute("DROP TABLE state_machine_aliases");
            s.execute("DROP TABLE state_machines");
            s.execute("DROP TABLE executions_started_through");
            s.execute("DROP TABLE activities");
            s.execute("DROP TABLE resource_tags");
            s.execute("ALTER TABLE executions DROP COLUMN failed_state");
            s.execute("DELETE FROM schema_version WHERE version >= 7");
        }
        StoredStateMachine machine = new StoredStateMachine("sm", "sm", "STANDARD", "arn:role", "{\"StartAt\":\"A\"}",
                started, null);
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            assertEquals(List.of(), store.stateMachines());
            assertEquals(ExecutionStatus.RUNNING, store.find("e1").orElseThrow().status());
            assertEquals("{\"StartAt\":\"A\"}", store.find("e1").orElseThrow().definition());
            store.putStateMachine(machine);
        }
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            assertEquals(List.of(machine), store.stateMachines());
            assertEquals(List.of("e1"), store.unfinished("sm").stream().map(ExecutionRecord::executionArn).toList());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(SqliteExecutionStore.FILE_NAME));
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rs.next();
            assertEquals(SqliteExecutionStore.SCHEMA_VERSION, rs.getInt(1));
        }
    }

    @Test
    void aFailedCommitKeepsWhatWasCommittedBefore() {
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            store.create(running("e1", Instant.now()));
            store.checkpoint("e1", new Checkpoint(Checkpoint.TOP, "A", json("{}"), 1, null, null));
            // a record without a name breaks a NOT NULL constraint: that commit fails, and only that one
            ExecutionStoreException e = assertThrows(ExecutionStoreException.class, () -> store.create(
                    new ExecutionRecord("e2", "sm", null, ExecutionStatus.RUNNING, json("{}"), null, null, null,
                            Instant.now(), null, null)));
            assertTrue(e.getMessage().startsWith("The execution store "), e.getMessage());
            assertEquals("A", store.lastCheckpoint("e1").orElseThrow().stateName());
            assertTrue(store.find("e2").isEmpty());
        }
    }

    @Test
    void aWriteTheStoreRefusesFailsOnlyItsExecutionNotTheOthersInItsCommit() {
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            for (String arn : List.of("e1", "e2", "e3")) {
                store.create(running(arn, Instant.now()));
            }
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            store.holdWriter(release);
            // queued while the writer is held: the three boundaries go into one transaction
            store.recorder("e1").checkpointDeferred(new Checkpoint(Checkpoint.TOP, "A", json("{}"), 1, null, null));
            // a state name is NOT NULL: this boundary's own write is refused
            store.recorder("e2").checkpointDeferred(new Checkpoint(Checkpoint.TOP, null, json("{}"), 1, null, null));
            store.recorder("e3").checkpointDeferred(new Checkpoint(Checkpoint.TOP, "C", json("{}"), 1, null, null));
            release.countDown();

            store.checkpoint("e1", new Checkpoint(Checkpoint.TOP, "A2", json("{}"), 2, null, null));
            assertEquals("A2", store.lastCheckpoint("e1").orElseThrow().stateName(), "e1 goes on");
            assertEquals("C", store.lastCheckpoint("e3").orElseThrow().stateName(), "e3's boundary is committed");
            assertTrue(store.lastCheckpoint("e2").isEmpty(), "e2's refused boundary is not kept");
            ExecutionStoreException lost = assertThrows(ExecutionStoreException.class, () -> store.checkpoint("e2",
                    new Checkpoint(Checkpoint.TOP, "B2", json("{}"), 2, null, null)));
            assertTrue(lost.getMessage().contains("NOT NULL"), lost.getMessage());
            assertTrue(lost instanceof RefusedWriteException, "e2's own data was refused: " + lost);
            assertTrue(store.lastCheckpoint("e2").isEmpty(), "nothing of e2 after its lost boundary is kept");

            // the engine then ends it FAILED after its last committed boundary
            store.discardUncommitted("e2");
            store.complete(running("e2", Instant.now()).finished(ExecutionStatus.FAILED, null, "States.Runtime",
                    "refused", Instant.now()));
            assertEquals(ExecutionStatus.FAILED, store.find("e2").orElseThrow().status());
            assertTrue(store.unfinished(null).stream().noneMatch(r -> r.executionArn().equals("e2")));
        }
    }

    @Test
    void activitiesTagsAndWhatExecutionsWereStartedThroughAreKeptAcrossAReopen() throws Exception {
        String activity = "arn:aws:states:us-east-1:123456789012:activity:review";
        String machine = "arn:aws:states:us-east-1:123456789012:stateMachine:m";
        Instant created = Instant.ofEpochMilli(1_700_000_000_123L);
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            store.putActivity(new StoredActivity(activity, "review", created));
            store.putActivity(new StoredActivity(activity.replace("review", "gone"), "gone", created));
            store.deleteActivity(activity.replace("review", "gone"));
            store.putTags(activity, java.util.Map.of("team", "a"));
            store.putTags(machine, new java.util.LinkedHashMap<>(java.util.Map.of("z", "1")));
            store.putTags(machine, java.util.Map.of()); // untagged: none, but known
            store.putTags(machine + "-gone", java.util.Map.of("k", "v"));
            store.deleteTags(machine + "-gone");
            store.putStartedThrough("e1", new ExecutionStore.StartedThrough(machine + ":1", machine + ":prod"));
            store.putStartedThrough("e1", new ExecutionStore.StartedThrough(machine + ":2", null)); // first stays
            store.putStartedThrough("e2", new ExecutionStore.StartedThrough(machine + ":2", null));
        }
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            assertEquals(List.of(new StoredActivity(activity, "review", created)), store.activities());
            assertEquals(java.util.Map.of(activity, java.util.Map.of("team", "a"), machine, java.util.Map.of()),
                    store.tags());
            assertEquals(java.util.Map.of("e1", new ExecutionStore.StartedThrough(machine + ":1", machine + ":prod"),
                    "e2", new ExecutionStore.StartedThrough(machine + ":2", null)),
                    store.startedThrough(List.of("e1", "e2", "e3")));
        }
    }

    @Test
    void tagsTheStoreCannotReadAreLeftOutAndTheRestAreKept() throws Exception {
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            store.putTags("arn:a", java.util.Map.of("k", "v"));
            store.putTags("arn:b", java.util.Map.of("k", "v"));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(SqliteExecutionStore.FILE_NAME));
                Statement s = c.createStatement()) {
            s.execute("UPDATE resource_tags SET tags = '[{\"key\": 1}]' WHERE resource_arn = 'arn:b'");
        }
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            assertEquals(java.util.Map.of("arn:a", java.util.Map.of("k", "v")), store.tags());
        }
    }

    @Test
    void aSecondCloseWhileTheFirstIsUnderWayReturnsOnceTheStoreIsClosed() throws Exception {
        SqliteExecutionStore store = SqliteExecutionStore.open(folder);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        store.holdWriter(release);
        Thread first = new Thread(store::close, "first close");
        first.start();
        long deadline = System.currentTimeMillis() + 5_000;
        while (first.getState() != Thread.State.WAITING && System.currentTimeMillis() < deadline) {
            Thread.sleep(5); // the first close waits for the held writer
        }
        java.util.concurrent.CompletableFuture<Void> second =
                java.util.concurrent.CompletableFuture.runAsync(store::close);
        java.util.concurrent.CompletableFuture.delayedExecutor(300, java.util.concurrent.TimeUnit.MILLISECONDS)
                .execute(release::countDown);
        second.get(10, java.util.concurrent.TimeUnit.SECONDS);
        // the folder is released when the second close returns, not only when the first does
        try (SqliteExecutionStore reopened = SqliteExecutionStore.open(folder)) {
            assertTrue(reopened.list().isEmpty());
        }
        first.join(10_000);
    }

    @Test
    void executionsAreFoundByNameAcrossStateMachinesThroughAnIndex() throws Exception {
        Instant started = Instant.parse("2026-01-01T00:00:00Z");
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            assertNamed(store, started);
        }
        // the query reads the name's rows, not the table (SQLite's plan: "SEARCH e USING INDEX executions_by_name")
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(SqliteExecutionStore.FILE_NAME));
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(
                        "EXPLAIN QUERY PLAN SELECT * FROM executions e WHERE e.name = 'x'")) {
            rs.next();
            assertTrue(rs.getString("detail").contains("USING INDEX executions_by_name"), rs.getString("detail"));
        }
    }

    @Test
    void aVersionsOrAliassExecutionsAreFoundThroughIndexes() throws Exception {
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            assertTrue(store.list().isEmpty());
        }
        // the page reads the version's or alias's rows of executions_started_through, not every execution
        String machine = "arn:aws:states:us-east-1:123456789012:stateMachine:m";
        assertPlanUses(machine + ":12", "executions_started_through_version");
        assertPlanUses(machine + ":prod", "executions_started_through_alias");
    }

    private void assertPlanUses(String versionOrAliasArn, String index) throws Exception {
        for (boolean byStatus : new boolean[] {false, true}) {
            for (boolean afterCursor : new boolean[] {false, true}) {
                List<String> plan = new java.util.ArrayList<>();
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:"
                        + folder.resolve(SqliteExecutionStore.FILE_NAME));
                        java.sql.PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + SqliteExecutionStore
                                .executionsStartedThroughSql(versionOrAliasArn, byStatus, afterCursor))) {
                    int at = 1;
                    ps.setString(at++, versionOrAliasArn);
                    if (byStatus) {
                        ps.setString(at++, "SUCCEEDED");
                    }
                    if (afterCursor) {
                        ps.setLong(at++, 0);
                        ps.setString(at++, "a");
                    }
                    ps.setInt(at, 10);
                    try (java.sql.ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            plan.add(rs.getString("detail"));
                        }
                    }
                }
                String text = String.join("\n", plan);
                assertTrue(plan.get(0).startsWith("SEARCH t USING INDEX " + index + " "), text);
                assertTrue(plan.stream().noneMatch(step -> step.startsWith("SCAN")), text);
            }
        }
    }

    @Test
    void theInMemoryStoreFindsExecutionsByName() {
        assertNamed(new InMemoryExecutionStore(), Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** Executions of two state machines named "same", one other: by name, the two, ordered by ARN. */
    static void assertNamed(ExecutionStore store, Instant started) {
        for (String machine : List.of("sm-b", "sm-a")) {
            store.create(new ExecutionRecord("arn:" + machine + ":same", machine, "same", ExecutionStatus.RUNNING,
                    json("{}"), null, null, null, started, null, null));
        }
        store.create(new ExecutionRecord("arn:sm-a:other", "sm-a", "other", ExecutionStatus.RUNNING, json("{}"), null,
                null, null, started, null, null));
        assertEquals(List.of("arn:sm-a:same", "arn:sm-b:same"),
                store.findByName("same").stream().map(ExecutionRecord::executionArn).toList());
        assertEquals(List.of("arn:sm-a:other"),
                store.findByName("other").stream().map(ExecutionRecord::executionArn).toList());
        assertEquals(List.of(), store.findByName("arn:sm-a:other"));
    }

    private static ExecutionRecord running(String arn, Instant started) {
        return new ExecutionRecord(arn, "sm", arn, ExecutionStatus.RUNNING, json("{\"order\":7}"), null, null, null,
                started, null, "{\"StartAt\":\"A\"}");
    }

    private static JsonNode json(String text) {
        try {
            return Json.parse(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void keepsTheDeletingMarkAcrossAReopenUntilTheStateMachineIsDeleted() {
        Instant created = Instant.ofEpochMilli(1_700_000_000_000L);
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            store.putStateMachine(new StoredStateMachine("arn:sm:a", "a", "STANDARD", "arn:role", "{}", created, null));
            store.putStateMachine(new StoredStateMachine("arn:sm:b", "b", "STANDARD", "arn:role", "{}", created, null));
            store.markStateMachineDeleting("arn:sm:a");
            store.markStateMachineDeleting("arn:sm:a"); // twice: one mark
        }
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            assertEquals(java.util.Set.of("arn:sm:a"), store.deletingStateMachines());
            assertEquals(2, store.stateMachines().size(), "kept until its executions end");
            store.deleteStateMachine("arn:sm:a");
            assertEquals(java.util.Set.of(), store.deletingStateMachines());
        }
    }
}
