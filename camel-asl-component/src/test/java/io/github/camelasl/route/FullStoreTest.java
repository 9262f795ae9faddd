package io.github.camelasl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.AslComponent;
import io.github.camelasl.AslConstants;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.engine.ExecutionSuspendedException;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.store.SqliteExecutionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that cannot grow (its disk is full; here its file is capped with SQLite's max_page_count, which fails
 * writes as a full disk does): the execution whose boundary cannot be committed is suspended, not failed, the
 * caller is told why in words naming the file, and nothing committed is lost: once there is room again the
 * execution resumes from its last committed state.
 */
class FullStoreTest {

    private static final String WORK = """
            {"StartAt": "Prepare", "States": {
              "Prepare": {"Type": "Pass", "Result": "ready", "ResultPath": "$.step", "Next": "Work"},
              "Work": {"Type": "Task", "Resource": "direct:work", "ResultPath": "$.result", "Next": "Done"},
              "Done": {"Type": "Pass", "End": true}}}""";

    @TempDir
    Path folder;

    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void aBoundaryThatCannotBeCommittedSuspendsTheExecutionAndLosesNothing() throws Exception {
        Path definition = folder.resolve("work.asl.json");
        Files.writeString(definition, WORK);
        Path storeFolder = folder.resolve("store");
        String big = "x".repeat(400_000);

        // about 180 KB of file: the schema (its tables and indexes a page each at least) and a few small executions
        // fit, a 400 KB result does not
        SqliteExecutionStore capped = SqliteExecutionStore.open(storeFolder, Map.of("max_page_count", "44"));
        try (CamelContext app = app(definition, capped, null, big)) {
            assertEquals("{\"n\":1,\"step\":\"ready\",\"result\":\"small\"}", app.createProducerTemplate()
                    .requestBody("direct:run", "{\"n\": 1}", String.class), "a small execution fits");

            CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> app
                    .createProducerTemplate().requestBodyAndHeader("direct:run", "{\"n\": 2, \"big\": true}",
                            AslConstants.EXECUTION_NAME, "too-big", String.class));
            ExecutionSuspendedException suspended = (ExecutionSuspendedException) e.getCause();
            assertTrue(suspended.getMessage().contains("cannot grow: the disk is full"), suspended.getMessage());
            assertTrue(suspended.getMessage().contains(storeFolder.resolve("executions.db").toString()),
                    suspended.getMessage());
            assertTrue(suspended.getMessage().contains("stays RUNNING"), suspended.getMessage());

            ExecutionRecord kept = capped.find(arn("too-big")).orElseThrow();
            assertEquals(ExecutionStatus.RUNNING, kept.status(), "suspended, not failed");
            assertEquals("Work", capped.lastCheckpoint(arn("too-big")).orElseThrow().stateName(),
                    "the last committed boundary is kept");
        } finally {
            capped.close();
        }
        assertEquals(2, calls.get());

        // room again: the app starts on an uncapped store, and the execution goes on from Work
        try (CamelContext app = app(definition, null, storeFolder, big)) {
            ExecutionStore store = app.getComponent("asl", AslComponent.class).executionStore("STANDARD");
            long deadline = System.currentTimeMillis() + 10_000;
            ExecutionRecord record = store.find(arn("too-big")).orElseThrow();
            while (record.status() == ExecutionStatus.RUNNING && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
                record = store.find(arn("too-big")).orElseThrow();
            }
            assertEquals(ExecutionStatus.SUCCEEDED, record.status(), String.valueOf(record.cause()));
            assertEquals(big, record.output().path("result").asText());
            assertEquals(3, calls.get(), "Work ran again (at least once), Prepare did not");
        }
    }

    private static String arn(String name) {
        return "arn:aws:states:us-east-1:123456789012:execution:work:" + name;
    }

    private CamelContext app(Path definition, ExecutionStore store, Path storeFolder, String big) throws Exception {
        CamelContext context = new DefaultCamelContext();
        AslComponent asl = new AslComponent();
        if (store != null) {
            asl.setExecutionStore(store);
        } else {
            asl.setStore("sqlite");
            asl.setStoreFolder(storeFolder.toString());
        }
        context.addComponent("asl", asl);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:run").to("asl:work?definition=file:" + definition);
                from("direct:work").process(e -> {
                    calls.incrementAndGet();
                    boolean wantsBig = e.getMessage().getBody(String.class).contains("\"big\":true");
                    e.getMessage().setBody("\"" + (wantsBig ? big : "small") + "\"");
                });
            }
        });
        context.start();
        return context;
    }
}
