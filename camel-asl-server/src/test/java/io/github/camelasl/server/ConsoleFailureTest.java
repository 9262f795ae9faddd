package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.store.ExecutionListing;
import io.github.camelasl.store.InMemoryExecutionStore;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A console request that fails inside the server: an error in AWS's shape, never the server's stack trace. */
class ConsoleFailureTest {

    /** A store whose listing fails, as a broken database would. */
    private static final class BrokenStore extends InMemoryExecutionStore {
        @Override
        public ExecutionListing.Page listExecutions(ExecutionListing.Filter filter, ExecutionListing.Sort sort,
                ExecutionListing.Cursor after, int limit) {
            throw new IllegalStateException("database file /secret/place/executions.db is locked");
        }
    }

    @Test
    void anUnexpectedFailureIsAnInternalFailureWithoutItsStackTrace() throws Exception {
        try (ServerFixture fixture = new ServerFixture(new BrokenStore(),
                StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES, null)) {
            ConsoleClient console = new ConsoleClient(fixture.server.url() + "/asl");
            HttpResponse<String> failed = console.get("/api/executions");
            assertEquals(500, failed.statusCode(), failed.body());
            assertEquals("application/json", failed.headers().firstValue("Content-Type").orElse(null));
            JsonNode error = Json.parse(failed.body());
            assertEquals("InternalFailure", error.path("__type").asText(), failed.body());
            assertFalse(failed.body().contains("/secret/place"), failed.body());
            assertFalse(failed.body().contains("at io.github"), failed.body());
            assertEquals("no-store", failed.headers().firstValue("Cache-Control").orElse(null));
        }
    }
}
