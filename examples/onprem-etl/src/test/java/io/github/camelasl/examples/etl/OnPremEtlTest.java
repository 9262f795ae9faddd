package io.github.camelasl.examples.etl;

import static io.github.camelasl.test.AslAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelasl.AslComponent;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.test.AslTestKit;
import io.github.camelasl.test.ExecutionRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app end to end on a temporary WORK folder, with its real SQLite execution store and warehouse: a dropped
 * file produces its report; a run failed in its last step is redriven from there through the redrive folder; a run
 * the app is stopped in (during the Pause) finishes when a new app starts on the same folder.
 */
class OnPremEtlTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDERS = """
            order_id,customer,amount
            A-1001,acme,100.00
            A-1002,globex,20.50
            A-1003,acme,50.25
            A-1004,initech,1000

            A-1005,Globex,9.50
            """;
    private static final String TOTALS = """
            [{"customer": "acme", "orders": 2, "total": "150.25"},
             {"customer": "globex", "orders": 2, "total": "30.00"},
             {"customer": "initech", "orders": 1, "total": "1000.00"}]""";

    @TempDir
    Path work;

    private CamelContext app;
    /** Reads the app's executions for assertions: their path, a state's entries. */
    private AslTestKit kit;

    @AfterEach
    void stop() throws Exception {
        if (kit != null) {
            kit.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aDroppedFileIsLoadedTotalledAndReported() throws Exception {
        start(0);
        drop("orders.csv", ORDERS);

        ExecutionRecord run = awaitEnd(r -> r.name().startsWith("orders-"));
        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> run.error() + ": " + run.cause());
        JsonNode report = report(run);
        assertEquals("orders.csv", report.path("source").asText());
        assertEquals(5, report.path("rows").asInt());
        assertEquals(JSON.readTree(TOTALS), report.path("customers"));
        assertEquals(outbox(run).toString(), run.output().path("file").asText());
        assertEquals(5, stagedRows(run));
        assertFalse(Files.exists(work.resolve("inbox/orders.csv")), "the inbox file is consumed");
        assertTrue(Files.exists(work.resolve("store/executions.db")), "executions are kept in WORK/store");
    }

    @Test
    void aFileWithABadRowIsRejectedBeforeAnythingIsLoaded() throws Exception {
        start(0);
        drop("bad.csv", "order_id,customer,amount\nB-1,acme,12.00\nB-2,globex,twenty\n");

        ExecutionRecord run = awaitEnd(r -> r.name().startsWith("bad-"));
        assertEquals(ExecutionStatus.FAILED, run.status());
        assertEquals("InvalidOrdersFile", run.error());
        assertEquals("bad.csv line 3: amount 'twenty' is not a number >= 0 with at most 2 decimals", run.cause());
        assertThat(execution(run)).failed().tookPath("ParseFile", "RejectFile");
        assertEquals(0, stagedRows(run));
    }

    @Test
    void aRunFailedInItsLastStepIsRedrivenFromThereWithoutLoadingAgain() throws Exception {
        Files.createFile(work.resolve("broken"));
        start(0);
        drop("nightly.csv", ORDERS);

        ExecutionRecord failed = awaitEnd(r -> r.name().startsWith("nightly-"));
        assertEquals(ExecutionStatus.FAILED, failed.status());
        assertEquals(EtlSteps.REPORT_TARGET_UNAVAILABLE, failed.error());
        assertThat(execution(failed)).failed().passedThrough("ParseFile", "LoadRows", "Aggregate", "WriteReport")
                .state("WriteReport").wasEntered(1).wasRetried(2); // its Retry gave up on the missing target
        assertFalse(Files.exists(outbox(failed)));
        assertEquals(5, stagedRows(failed));

        Files.delete(work.resolve("broken")); // the target is back
        Path request = work.resolve("redrive.tmp");
        Files.writeString(request, failed.executionArn() + "\n");
        Files.move(request, work.resolve("redrive/run"), StandardCopyOption.ATOMIC_MOVE);

        ExecutionRecord redriven = awaitEnd(r -> r.executionArn().equals(failed.executionArn())
                && r.redriveCount() == 1);
        assertEquals(ExecutionStatus.SUCCEEDED, redriven.status(), () -> redriven.error() + ": " + redriven.cause());
        assertEquals(JSON.readTree(TOTALS), report(redriven).path("customers"));
        // the redrive ran only the step that failed
        assertThat(execution(redriven)).succeeded().state("LoadRows").wasEntered(1)
                .and().state("Aggregate").wasEntered(1)
                .and().state("WriteReport").wasEntered(2);
        assertEquals(5, stagedRows(redriven), "the rows were loaded once");
    }

    @Test
    void aRunStoppedDuringThePauseFinishesWhenTheAppStartsAgain() throws Exception {
        start(5);
        drop("weekly.csv", ORDERS);
        ExecutionRecord pausing = await(r -> r.name().startsWith("weekly-") && inPause(r));
        app.getShutdownStrategy().setTimeout(2);
        kit.close();
        kit = null;
        app.close();
        app = null;
        assertFalse(Files.exists(outbox(pausing)), "stopped before the report was written");

        start(5); // a new app on the same WORK resumes the execution in its Pause
        ExecutionRecord run = awaitEnd(r -> r.executionArn().equals(pausing.executionArn()));
        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> run.error() + ": " + run.cause());
        assertEquals(0, run.redriveCount());
        assertEquals(JSON.readTree(TOTALS), report(run).path("customers"));
        try (Stream<Path> reports = Files.list(work.resolve("outbox"))) {
            assertEquals(List.of(outbox(run)), reports.toList(), "one report, written once");
        }
        assertThat(execution(run)).succeeded().passedThrough("ParseFile", "LoadRows", "Aggregate", "Pause",
                "WriteReport").state("WriteReport").wasEntered(1);
        assertEquals(5, stagedRows(run));
    }

    // --- helpers ---

    private void start(int pauseSeconds) throws Exception {
        app = OnPremEtlApp.create(new OnPremEtlApp.Settings(work, pauseSeconds));
        app.start();
        kit = AslTestKit.of(app);
    }

    /** Puts a file into the inbox whole (written beside it, then moved in). */
    private void drop(String name, String csv) throws Exception {
        Path file = work.resolve(name + ".tmp");
        Files.writeString(file, csv);
        Files.move(file, work.resolve("inbox").resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private ExecutionStore store() {
        return app.getComponent("asl", AslComponent.class).executionStore("STANDARD");
    }

    private ExecutionRecord awaitEnd(Predicate<ExecutionRecord> which) throws Exception {
        return await(which.and(r -> r.status() != ExecutionStatus.RUNNING));
    }

    private ExecutionRecord await(Predicate<ExecutionRecord> which) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            Optional<ExecutionRecord> found = store().list().stream().filter(which).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such execution within 20 s; the store holds " + store().list());
    }

    /** True while the execution waits in the Pause state: the last state it entered, and it still runs. */
    private boolean inPause(ExecutionRecord execution) {
        ExecutionRun run = execution(execution);
        List<String> entered = run.statesEntered();
        return !run.ended() && !entered.isEmpty() && "Pause".equals(entered.get(entered.size() - 1));
    }

    /** The execution as the kit reads it, for its assertions. */
    private ExecutionRun execution(ExecutionRecord execution) {
        return kit.stateMachine("etl").execution(execution.executionArn());
    }

    private Path outbox(ExecutionRecord execution) {
        return work.resolve("outbox").resolve(execution.name() + ".json");
    }

    private JsonNode report(ExecutionRecord execution) throws Exception {
        return JSON.readTree(outbox(execution).toFile());
    }

    private int stagedRows(ExecutionRecord execution) throws Exception {
        try (Connection db = OnPremEtlApp.warehouse(work.resolve("warehouse.db")).getConnection();
                PreparedStatement query = db.prepareStatement("select count(*) from staging_orders where run_id = ?")) {
            query.setString(1, execution.name());
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
