package io.github.camelasl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ListExecutions' pages, as both stores give them: newest first, by cursor, one status or all. */
class ExecutionPagesTest {

    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:paged";
    private static final String OTHER = "arn:aws:states:us-east-1:123456789012:stateMachine:other";

    @TempDir
    static Path folder;

    static Stream<Arguments> stores() {
        return Stream.of(
                Arguments.of("in memory", (Function<Path, ExecutionStore>) f -> new InMemoryExecutionStore()),
                Arguments.of("SQLite", (Function<Path, ExecutionStore>) f -> SqliteExecutionStore.open(
                        f.resolve("sqlite-" + System.nanoTime()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void pagesGoNewestFirstWithoutLosingOrRepeatingAny(String name, Function<Path, ExecutionStore> open)
            throws Exception {
        ExecutionStore store = open.apply(folder);
        List<ExecutionSummary> expected = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // three executions start in each millisecond: the ARN orders them
            ExecutionRecord record = record(MACHINE, "e" + (char) ('a' + i), i / 3,
                    i % 4 == 0 ? ExecutionStatus.FAILED : ExecutionStatus.SUCCEEDED);
            store.create(record);
            expected.add(ExecutionSummary.of(record));
            store.create(record(OTHER, "o" + i, i, ExecutionStatus.SUCCEEDED));
        }
        expected.sort(Comparator.comparing(ExecutionSummary::startDate)
                .thenComparing(ExecutionSummary::executionArn).reversed());

        assertEquals(expected, all(store, null, 4));
        assertEquals(expected.stream().filter(s -> s.status() == ExecutionStatus.FAILED).toList(),
                all(store, ExecutionStatus.FAILED, 2));
        assertEquals(List.of(), all(store, ExecutionStatus.RUNNING, 5));

        ExecutionSummary.Page first = store.executions(MACHINE, null, null, 23);
        assertEquals(23, first.executions().size());
        assertNull(first.next(), "no next page when the last one is on this page");

        // an execution started after the first page was read shifts nothing: the next page goes on where it was
        ExecutionSummary.Page page = store.executions(MACHINE, null, null, 5);
        store.create(record(MACHINE, "newest", 1000, ExecutionStatus.RUNNING));
        assertEquals(expected.subList(5, 10), store.executions(MACHINE, null, page.next(), 5).executions());
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aVersionsOrAnAliassExecutionsComePagedNewestFirst(String name, Function<Path, ExecutionStore> open)
            throws Exception {
        ExecutionStore store = open.apply(folder);
        String version1 = MACHINE + ":1";
        String version2 = MACHINE + ":2";
        String alias = MACHINE + ":prod";
        List<ExecutionSummary> ofVersion1 = new ArrayList<>();
        List<ExecutionSummary> ofAlias = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            // three executions start in each millisecond: the ARN orders them
            ExecutionRecord record = record(MACHINE, "v" + (char) ('a' + i), i / 3,
                    i % 4 == 0 ? ExecutionStatus.FAILED : ExecutionStatus.SUCCEEDED);
            store.create(record);
            // every third through the alias, which picked version 1
            boolean throughAlias = i % 3 == 0;
            store.putStartedThrough(record.executionArn(),
                    new ExecutionStore.StartedThrough(version1, throughAlias ? alias : null));
            ofVersion1.add(ExecutionSummary.of(record));
            if (throughAlias) {
                ofAlias.add(ExecutionSummary.of(record));
            }
            ExecutionRecord onVersion2 = record(MACHINE, "w" + i, i, ExecutionStatus.SUCCEEDED);
            store.create(onVersion2);
            store.putStartedThrough(onVersion2.executionArn(), new ExecutionStore.StartedThrough(version2, null));
            store.create(record(MACHINE, "unqualified" + i, i, ExecutionStatus.SUCCEEDED));
        }
        Comparator<ExecutionSummary> newestFirst = Comparator.comparing(ExecutionSummary::startDate)
                .thenComparing(ExecutionSummary::executionArn).reversed();
        ofVersion1.sort(newestFirst);
        ofAlias.sort(newestFirst);

        assertEquals(ofVersion1, allThrough(store, version1, null, 4));
        assertEquals(ofVersion1.stream().filter(s -> s.status() == ExecutionStatus.FAILED).toList(),
                allThrough(store, version1, ExecutionStatus.FAILED, 2));
        assertEquals(ofAlias, allThrough(store, alias, null, 2));
        assertEquals(17, allThrough(store, version2, null, 5).size());
        assertEquals(List.of(), allThrough(store, MACHINE + ":3", null, 5));
        assertEquals(List.of(), allThrough(store, version1, ExecutionStatus.RUNNING, 5));
        assertNull(store.executionsStartedThrough(version1, null, null, 17).next(),
                "no next page when the last one is on this page");
        store.close();
    }

    private static List<ExecutionSummary> allThrough(ExecutionStore store, String versionOrAliasArn,
            ExecutionStatus status, int pageSize) {
        List<ExecutionSummary> seen = new ArrayList<>();
        ExecutionSummary.Cursor cursor = null;
        do {
            ExecutionSummary.Page page = store.executionsStartedThrough(versionOrAliasArn, status, cursor, pageSize);
            assertEquals(true, page.executions().size() <= pageSize);
            seen.addAll(page.executions());
            cursor = page.next();
        } while (cursor != null);
        return seen;
    }

    private static List<ExecutionSummary> all(ExecutionStore store, ExecutionStatus status, int pageSize) {
        List<ExecutionSummary> seen = new ArrayList<>();
        ExecutionSummary.Cursor cursor = null;
        do {
            ExecutionSummary.Page page = store.executions(MACHINE, status, cursor, pageSize);
            assertEquals(true, page.executions().size() <= pageSize);
            seen.addAll(page.executions());
            cursor = page.next();
        } while (cursor != null);
        return seen;
    }

    private static ExecutionRecord record(String machine, String name, long startMillis, ExecutionStatus status) {
        Instant start = Instant.ofEpochMilli(1_700_000_000_000L + startMillis);
        return new ExecutionRecord(machine.replace(":stateMachine:", ":execution:") + ":" + name, machine, name,
                status, Json.NODES.objectNode(), status == ExecutionStatus.RUNNING ? null : Json.NODES.objectNode(),
                null, null, start, status == ExecutionStatus.RUNNING ? null : start.plusMillis(5), "{}");
    }
}
