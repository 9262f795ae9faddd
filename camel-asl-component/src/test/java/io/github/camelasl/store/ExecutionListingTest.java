package io.github.camelasl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.history.ExecutionHistory;
import io.github.camelasl.history.HistoryEventType;
import io.github.camelasl.store.ExecutionListing.Filter;
import io.github.camelasl.store.ExecutionListing.Sort;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The console's queries, on both stores: the same answers from memory and from SQLite's indexes. */
class ExecutionListingTest {

    @TempDir
    Path folder;

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private ExecutionStore open(String kind) {
        return kind.equals("sqlite") ? SqliteExecutionStore.open(folder) : new InMemoryExecutionStore();
    }

    /**
     * Six executions of two machines: a1..a4 of A (a1 SUCCEEDED, a2 FAILED in "Charge" with Boom, a3 FAILED in
     * "Charge" with Boom, a4 RUNNING), b1 of B (TIMED_OUT in "Wait"), b2 of B (ABORTED).
     */
    private static void fill(ExecutionStore store) {
        run(store, "arn:a:a1", "A", 1, ExecutionStatus.SUCCEEDED, null, "Pay");
        run(store, "arn:a:a2", "A", 2, ExecutionStatus.FAILED, "Boom", "Charge");
        run(store, "arn:a:a3", "A", 3, ExecutionStatus.FAILED, "Boom", "Charge");
        run(store, "arn:a:a4", "A", 4, null, null, "Charge");
        run(store, "arn:b:b1", "B", 5, ExecutionStatus.TIMED_OUT, "States.Timeout", "Wait");
        run(store, "arn:b:b2", "B", 6, ExecutionStatus.ABORTED, null, "Wait");
    }

    private static void run(ExecutionStore store, String arn, String machine, int minute, ExecutionStatus end,
            String error, String lastState) {
        Instant start = T0.plusSeconds(60L * minute);
        ExecutionRecord record = new ExecutionRecord(arn, machine, null, ExecutionStatus.RUNNING,
                Json.NODES.objectNode(), null, null, null, start, null, "{}");
        store.create(record);
        ExecutionStore.Recorder recorder = store.recorder(arn);
        ExecutionHistory history = new ExecutionHistory(List.of(), recorder::appendEvent);
        history.append(HistoryEventType.ExecutionStarted, 0, Json.NODES.objectNode());
        history.append(HistoryEventType.StateEntered, "PassStateEntered", 1, Json.NODES.objectNode().put("name",
                "First"));
        history.append(HistoryEventType.StateEntered, "TaskStateEntered", 2, Json.NODES.objectNode().put("name",
                lastState));
        history.append(HistoryEventType.TaskFailed, 3, Json.NODES.objectNode());
        recorder.checkpoint(new ExecutionStore.Checkpoint(ExecutionStore.Checkpoint.TOP, lastState,
                Json.NODES.objectNode(), 4, null, null));
        if (end != null) {
            // the end, 10 minutes after the start: stop dates in the order of the starts
            store.complete(record.finished(end, null, error, "cause", start.plusSeconds(600)));
        }
    }

    private static List<String> arns(ExecutionListing.Page page) {
        return page.executions().stream().map(ExecutionListing::executionArn).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void listsFiltersSortsAndPagesAcrossStateMachines(String kind) {
        try (ExecutionStore store = open(kind)) {
            fill(store);
            assertEquals(List.of("arn:b:b2", "arn:b:b1", "arn:a:a4", "arn:a:a3", "arn:a:a2", "arn:a:a1"),
                    arns(store.listExecutions(Filter.ALL, Sort.START_DATE_DESC, null, 100)));
            ExecutionListing.Page first = store.listExecutions(Filter.ALL, Sort.START_DATE_DESC, null, 4);
            assertEquals(List.of("arn:b:b2", "arn:b:b1", "arn:a:a4", "arn:a:a3"), arns(first));
            ExecutionListing.Page second = store.listExecutions(Filter.ALL, Sort.START_DATE_DESC, first.next(), 4);
            assertEquals(List.of("arn:a:a2", "arn:a:a1"), arns(second));
            assertNull(second.next());
            assertEquals(List.of("arn:a:a1", "arn:a:a2"),
                    arns(store.listExecutions(Filter.ALL, Sort.START_DATE, null, 2)));
            // stop dates: the running one has none and is not listed
            ExecutionListing.Page byStop = store.listExecutions(Filter.ALL, Sort.STOP_DATE_DESC, null, 3);
            assertEquals(List.of("arn:b:b2", "arn:b:b1", "arn:a:a3"), arns(byStop));
            assertEquals(List.of("arn:a:a2", "arn:a:a1"),
                    arns(store.listExecutions(Filter.ALL, Sort.STOP_DATE_DESC, byStop.next(), 3)));
            ExecutionListing.Page byName = store.listExecutions(Filter.ALL, Sort.NAME, null, 5);
            assertEquals(List.of("arn:a:a1", "arn:a:a2", "arn:a:a3", "arn:a:a4", "arn:b:b1"), arns(byName));
            assertEquals(List.of("arn:b:b2"), arns(store.listExecutions(Filter.ALL, Sort.NAME, byName.next(), 5)));

            assertEquals(List.of("arn:a:a3", "arn:a:a2"), arns(store.listExecutions(
                    new Filter("A", ExecutionStatus.FAILED, null, null, null, null, null), Sort.START_DATE_DESC, null,
                    10)));
            assertEquals(List.of("arn:a:a3", "arn:a:a2"), arns(store.listExecutions(
                    new Filter(null, null, T0.plusSeconds(120), T0.plusSeconds(240), null, null, null),
                    Sort.START_DATE_DESC, null, 10)));
            assertEquals(List.of("arn:b:b2", "arn:b:b1"), arns(store.listExecutions(
                    new Filter(null, null, null, null, "b:", null, null), Sort.START_DATE_DESC, null, 10)));
            assertEquals(List.of("arn:b:b1"), arns(store.listExecutions(
                    new Filter(null, null, null, null, null, "States.Timeout", null), Sort.START_DATE_DESC, null,
                    10)));
            assertEquals(List.of("arn:a:a3", "arn:a:a2"), arns(store.listExecutions(
                    new Filter(null, null, null, null, null, null, "Charge"), Sort.START_DATE_DESC, null, 10)));

            ExecutionListing a3 = store.listExecutions(new Filter(null, null, null, null, "a3", null, null),
                    Sort.START_DATE_DESC, null, 1).executions().get(0);
            assertEquals(new ExecutionListing("arn:a:a3", "A", "a3", ExecutionStatus.FAILED, T0.plusSeconds(180),
                    T0.plusSeconds(780), "Boom", "Charge", 0), a3);
            // only a failure keeps its failed state
            assertNull(store.listExecutions(new Filter(null, ExecutionStatus.ABORTED, null, null, null, null, null),
                    Sort.START_DATE_DESC, null, 1).executions().get(0).failedState());
            // a redrive forgets it
            store.redrive("arn:a:a3", T0.plusSeconds(3600));
            assertNull(store.listExecutions(new Filter(null, null, null, null, "a3", null, null),
                    Sort.START_DATE_DESC, null, 1).executions().get(0).failedState());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void countsByStateMachineAndStatusOverATimeRange(String kind) {
        try (ExecutionStore store = open(kind)) {
            fill(store);
            Map<String, Map<ExecutionStatus, Long>> counts = new java.util.TreeMap<>();
            store.countsByStateMachine(T0, T0.plusSeconds(60 * 6)).forEach(c -> counts.put(c.stateMachineArn(),
                    c.byStatus()));
            assertEquals(Map.of("A", Map.of(ExecutionStatus.SUCCEEDED, 1L, ExecutionStatus.FAILED, 2L,
                    ExecutionStatus.RUNNING, 1L), "B", Map.of(ExecutionStatus.TIMED_OUT, 1L)), counts);
            assertEquals(List.of(), store.countsByStateMachine(T0.plusSeconds(3600), T0.plusSeconds(7200)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void groupsFailuresByStateMachineStateAndErrorLargestFirst(String kind) {
        try (ExecutionStore store = open(kind)) {
            fill(store);
            assertEquals(List.of(
                    new ExecutionListing.FailureGroup("A", "Charge", "Boom", 2, T0.plusSeconds(780), "arn:a:a3"),
                    new ExecutionListing.FailureGroup("B", "Wait", "States.Timeout", 1, T0.plusSeconds(900),
                            "arn:b:b1")),
                    store.failureGroups(T0, T0.plusSeconds(3600), null, 100));
            assertEquals(List.of("B"), store.failureGroups(T0, T0.plusSeconds(3600), "B", 100).stream()
                    .map(ExecutionListing.FailureGroup::stateMachineArn).toList());
            assertEquals(1, store.failureGroups(T0, T0.plusSeconds(3600), null, 1).size());
            // by stop date: a2 stopped at minute 12, a3 at 13
            assertEquals(List.of(1L), store.failureGroups(T0.plusSeconds(720), T0.plusSeconds(780), null, 100)
                    .stream().map(ExecutionListing.FailureGroup::count).toList());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void readsTheEventsAfterAnIdInBoundedBatches(String kind) {
        try (ExecutionStore store = open(kind)) {
            fill(store);
            Supplier<List<Long>> ids = () -> store.eventsAfter("arn:a:a4", 1, 2).stream()
                    .map(e -> e.get("id").asLong()).toList();
            assertEquals(List.of(2L, 3L), ids.get());
            assertEquals(List.of(4L), store.eventsAfter("arn:a:a4", 3, 10).stream().map(e -> e.get("id").asLong())
                    .toList());
            assertEquals(List.of(), store.eventsAfter("arn:a:a4", 4, 10));
            assertEquals(List.of(), store.eventsAfter("arn:none", 0, 10));
        }
    }

    @Test
    void aSortIsNamedAsTheConsoleNamesIt() {
        assertEquals(Sort.STOP_DATE_DESC, Sort.ofWireName("-stopDate"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sort.ofWireName("size"));
        assertTrue(e.getMessage().contains("'size'"), e.getMessage());
    }

    @Test
    void aStoreOfVersion13IsMigratedAndListsItsFailuresThen() throws Exception {
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            fill(store);
        }
        // back to version 13: no failed_state, the old index by status
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(SqliteExecutionStore.FILE_NAME));
                Statement s = c.createStatement()) {
            for (String index : List.of("executions_by_start", "executions_by_status_start", "executions_by_stop",
                    "executions_by_status_stop")) {
                s.execute("DROP INDEX " + index);
            }
            s.execute("ALTER TABLE executions DROP COLUMN failed_state");
            s.execute("CREATE INDEX executions_by_status ON executions (status, state_machine_arn)");
            s.execute("DELETE FROM schema_version WHERE version >= 14");
        }
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            // those that failed before keep no failed state; the next failure has one
            assertEquals(List.of(new ExecutionListing.FailureGroup("A", null, "Boom", 2, T0.plusSeconds(780),
                    "arn:a:a3")), store.failureGroups(T0, T0.plusSeconds(3600), "A", 100));
            run(store, "arn:a:a9", "A", 9, ExecutionStatus.FAILED, "Boom", "Charge");
            assertEquals("Charge", store.listExecutions(new Filter(null, null, null, null, "a9", null, null),
                    Sort.START_DATE_DESC, null, 1).executions().get(0).failedState());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(SqliteExecutionStore.FILE_NAME));
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                rs.next();
                assertEquals(SqliteExecutionStore.SCHEMA_VERSION, rs.getInt(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN "
                    + "('executions_by_start', 'executions_by_status_start', 'executions_by_stop', "
                    + "'executions_by_status_stop')")) {
                rs.next();
                assertEquals(4, rs.getInt(1));
            }
        }
    }

    /** The console's queries read a range of an index, never the whole table, whatever it holds. */
    @Test
    void theConsolesQueriesReadIndexes() throws Exception {
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            fill(store);
        }
        Instant from = T0;
        Instant to = T0.plusSeconds(86_400);
        ExecutionListing.Cursor cursor = new ExecutionListing.Cursor("1", "arn");
        assertListUses(Filter.ALL, Sort.START_DATE_DESC, null, "executions_by_start");
        assertListUses(Filter.ALL, Sort.START_DATE_DESC, cursor, "executions_by_start");
        assertListUses(new Filter(null, null, from, to, "x", null, null), Sort.START_DATE_DESC, cursor,
                "executions_by_start");
        assertListUses(new Filter(null, ExecutionStatus.FAILED, null, null, null, null, null), Sort.START_DATE_DESC,
                cursor, "executions_by_status_start");
        assertListUses(new Filter(null, ExecutionStatus.FAILED, null, null, null, null, null), Sort.STOP_DATE_DESC,
                cursor, "executions_by_status_stop");
        assertListUses(Filter.ALL, Sort.STOP_DATE_DESC, cursor, "executions_by_stop");
        assertListUses(new Filter("A", null, null, null, null, null, null), Sort.START_DATE_DESC, cursor,
                "executions_by_machine");
        assertListUses(new Filter("A", ExecutionStatus.RUNNING, null, null, null, null, null), Sort.START_DATE_DESC,
                cursor, "executions_by_machine_status");

        List<String> counts = plan(SqliteExecutionStore.COUNTS_SQL, ps -> {
            ps.setLong(1, from.toEpochMilli());
            ps.setLong(2, to.toEpochMilli());
        });
        assertTrue(counts.get(0).startsWith("SEARCH executions USING COVERING INDEX executions_by_start "),
                String.join("\n", counts));
        for (boolean one : new boolean[] {false, true}) {
            List<String> failures = plan(SqliteExecutionStore.failureGroupsSql(one), ps -> {
                ps.setLong(1, from.toEpochMilli());
                ps.setLong(2, to.toEpochMilli());
                if (one) {
                    ps.setString(3, "A");
                }
                ps.setInt(one ? 4 : 3, 100);
            });
            assertTrue(failures.stream().anyMatch(step -> step.contains("USING INDEX executions_by_status_stop")),
                    String.join("\n", failures));
            assertTrue(failures.stream().noneMatch(step -> step.startsWith("SCAN executions")),
                    String.join("\n", failures));
        }
    }

    private void assertListUses(Filter filter, Sort sort, ExecutionListing.Cursor after, String index)
            throws Exception {
        List<String> plan = plan(SqliteExecutionStore.listExecutionsSql(filter, sort, after != null), ps -> {
            int at = SqliteExecutionStore.bindListing(ps, filter, sort, after);
            ps.setInt(at, 101);
        });
        String text = filter + " " + sort + ":\n" + String.join("\n", plan);
        assertTrue(plan.get(0).startsWith("SEARCH executions USING INDEX " + index + " ")
                || plan.get(0).startsWith("SEARCH executions USING COVERING INDEX " + index + " ")
                || plan.get(0).equals("SCAN executions USING INDEX " + index)
                || plan.get(0).equals("SCAN executions USING COVERING INDEX " + index), text);
        // an index read in its order: no sort of what was found
        assertTrue(plan.stream().noneMatch(step -> step.contains("TEMP B-TREE")), text);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws Exception;
    }

    private List<String> plan(String sql, Binder binder) throws Exception {
        List<String> plan = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(SqliteExecutionStore.FILE_NAME));
                PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.add(rs.getString("detail"));
                }
            }
        }
        return plan;
    }
}
