package io.github.camelasl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Map runs as both stores keep them for DescribeMapRun and ListMapRuns, the SQLite one across a reopen. */
class MapRunStoreTest {

    @TempDir
    Path folder;

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00.123Z");

    private static StoredMapRun run(String arn, String execution, Instant start, String status, long succeeded) {
        StoredMapRun.Counts counts = new StoredMapRun.Counts(0, 0, succeeded, 1, 0, 0, succeeded + 1, succeeded);
        return new StoredMapRun(arn, execution, "arn:aws:states:us-east-1:1:stateMachine:m", start,
                "RUNNING".equals(status) ? null : start.plusSeconds(5), status, 10, 12.5, 3, counts, counts);
    }

    private static void keepsAndFinds(ExecutionStore store) {
        store.putMapRun(run("arn:r2", "arn:e1", T0.plusSeconds(1), "RUNNING", 0));
        store.putMapRun(run("arn:r1", "arn:e1", T0, "RUNNING", 0));
        store.putMapRun(run("arn:other", "arn:e2", T0, "SUCCEEDED", 4));
        store.putMapRun(run("arn:r1", "arn:e1", T0, "SUCCEEDED", 7)); // replaces the running one
        assertEquals(Optional.of(run("arn:r1", "arn:e1", T0, "SUCCEEDED", 7)), store.mapRun("arn:r1"));
        assertEquals(List.of("arn:r1", "arn:r2"), store.mapRuns("arn:e1").stream().map(StoredMapRun::mapRunArn)
                .toList());
        assertEquals(Optional.empty(), store.mapRun("arn:absent"));
        assertEquals(List.of(), store.mapRuns("arn:absent"));
    }

    @Test
    void theInMemoryStoreKeepsMapRuns() {
        keepsAndFinds(new InMemoryExecutionStore());
    }

    @Test
    void theSqliteStoreKeepsMapRunsAcrossAReopen() throws Exception {
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            keepsAndFinds(store);
        }
        try (SqliteExecutionStore store = SqliteExecutionStore.open(folder)) {
            StoredMapRun kept = store.mapRun("arn:r1").orElseThrow();
            assertEquals(run("arn:r1", "arn:e1", T0, "SUCCEEDED", 7), kept);
            assertTrue(store.mapRun("arn:r2").orElseThrow().stopDate() == null);
        }
    }

    @Test
    void theInMemoryStoreForgetsTheOldestPastItsBound() {
        InMemoryExecutionStore store = new InMemoryExecutionStore();
        for (int i = 0; i <= InMemoryExecutionStore.MAX_MAP_RUNS; i++) {
            store.putMapRun(run("arn:r" + i, "arn:e", T0.plusMillis(i), "SUCCEEDED", 1));
        }
        assertEquals(Optional.empty(), store.mapRun("arn:r0"));
        assertEquals(InMemoryExecutionStore.MAX_MAP_RUNS, store.mapRuns("arn:e").size());
    }
}
