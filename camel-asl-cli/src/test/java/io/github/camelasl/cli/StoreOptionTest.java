package io.github.camelasl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.InMemoryExecutionStore;
import java.time.Instant;
import java.util.Collection;
import org.junit.jupiter.api.Test;

/** An execution named on the command line is found by the store's query by name, never by reading every one. */
class StoreOptionTest {

    /** A store whose every execution must not be read: only its queries by ARN and by name may answer. */
    private static final class NoListing extends InMemoryExecutionStore {
        @Override
        public Collection<ExecutionRecord> list() {
            throw new AssertionError("the whole store was read to find one execution");
        }
    }

    @Test
    void aNameIsFoundWithoutListingTheStore() {
        NoListing store = new NoListing();
        for (String machine : new String[] {"a", "b"}) {
            store.create(record("arn:aws:states:us-east-1:123456789012:execution:" + machine + ":shared", "shared"));
        }
        store.create(record("arn:aws:states:us-east-1:123456789012:execution:a:one", "one"));
        StoreOption option = new StoreOption();
        option.folder = "runs";

        assertEquals("arn:aws:states:us-east-1:123456789012:execution:a:one",
                option.find(store, "one").executionArn());
        assertEquals("one", option.find(store, "arn:aws:states:us-east-1:123456789012:execution:a:one").name());
        CliException ambiguous = assertThrows(CliException.class, () -> option.find(store, "shared"));
        assertTrue(ambiguous.getMessage().contains("the name shared is ambiguous: executions of 2 state machines"),
                ambiguous.getMessage());
        CliException unknown = assertThrows(CliException.class, () -> option.find(store, "none"));
        assertTrue(unknown.getMessage().contains("no execution none in the store runs"), unknown.getMessage());
    }

    private static ExecutionRecord record(String arn, String name) {
        return new ExecutionRecord(arn, arn.substring(0, arn.lastIndexOf(':')), name, ExecutionStatus.RUNNING,
                Json.NODES.objectNode(), null, null, null, Instant.parse("2026-01-01T00:00:00Z"), null, null);
    }
}
