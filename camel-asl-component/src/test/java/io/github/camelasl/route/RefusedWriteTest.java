package io.github.camelasl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslComponent;
import io.github.camelasl.AslConstants;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.ExecutionStore;
import io.github.camelasl.store.SqliteExecutionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write the store refuses because of the execution's own data (here a trigger refuses any event holding
 * "poison", as SQLite refuses a value over its size limit) ends that execution FAILED with States.Runtime, after its
 * last committed boundary: it is not left RUNNING, to fail the same way on every resume, and the other executions go
 * on.
 */
class RefusedWriteTest {

    private static final String ARN = "arn:aws:states:us-east-1:123456789012:execution:refused:";

    @TempDir
    Path storeFolder;

    private final AtomicInteger workCalls = new AtomicInteger();

    /** The poisoned reply is refused at the execution's end (Done) or at the boundary into the next Task (Again). */
    @ParameterizedTest
    @ValueSource(strings = {"Done", "Again"})
    void anExecutionWhoseOwnWriteIsRefusedEndsFailedAndIsNotResumed(String next) throws Exception {
        String again = next.equals("Again")
                ? "\"Again\": {\"Type\": \"Task\", \"Resource\": \"direct:again\", \"ResultPath\": null, "
                        + "\"Next\": \"Done\"}," : "";
        String definition = """
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "direct:work", "ResultPath": "$.result", "Next": "NEXT"},
                  AGAIN
                  "Done": {"Type": "Pass", "End": true}}}""".replace("NEXT", next).replace("AGAIN", again);
        Path file = storeFolder.resolveSibling(storeFolder.getFileName() + "-refused.asl.json");
        Files.writeString(file, definition);
        SqliteExecutionStore.open(storeFolder).close();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:"
                + storeFolder.resolve(SqliteExecutionStore.FILE_NAME)); var statement = db.createStatement()) {
            statement.execute("CREATE TRIGGER refuse_poison BEFORE INSERT ON events WHEN NEW.event LIKE '%poison%' "
                    + "BEGIN SELECT RAISE(ABORT, 'the event is too big'); END");
        }

        try (CamelContext app = app(file)) {
            CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> app
                    .createProducerTemplate().requestBodyAndHeader("direct:start", "{\"big\": true}",
                            AslConstants.EXECUTION_NAME, "refused-one"));
            AslError error = assertInstanceOf(AslError.class, e.getCause(), String.valueOf(e.getCause()));
            assertEquals("States.Runtime", error.error());
            assertTrue(error.cause().startsWith("The execution store refused to record execution " + ARN
                    + "refused-one: ") && error.cause().contains("the event is too big"), error.cause());
            assertEquals("{\"big\":false,\"result\":{\"payload\":\"fine\"}}", app.createProducerTemplate()
                    .requestBodyAndHeader("direct:start", "{\"big\": false}", AslConstants.EXECUTION_NAME, "fine",
                            String.class), "another execution goes on");

            ExecutionStore store = app.getComponent("asl", AslComponent.class).executionStore("STANDARD");
            ExecutionRecord poisoned = store.find(ARN + "refused-one").orElseThrow();
            assertEquals(ExecutionStatus.FAILED, poisoned.status());
            assertEquals("States.Runtime", poisoned.error());
            assertEquals(error.cause(), poisoned.cause());
            List<JsonNode> events = store.events(ARN + "refused-one");
            for (int i = 0; i < events.size(); i++) {
                assertEquals(i + 1, events.get(i).path("id").asInt(), "gapless ids: " + events);
            }
            JsonNode last = events.get(events.size() - 1);
            assertEquals("ExecutionFailed", last.path("type").asText());
            assertEquals(error.cause(), last.path("executionFailedEventDetails").path("cause").asText());
            assertTrue(store.unfinished(null).isEmpty(), "nothing is left to resume");
        }
        assertEquals(2, workCalls.get());

        try (CamelContext app = app(file)) { // a restart does not resume it
            app.createProducerTemplate().requestBodyAndHeader("direct:start", "{\"big\": false}",
                    AslConstants.EXECUTION_NAME, "after-restart", String.class);
            ExecutionStore store = app.getComponent("asl", AslComponent.class).executionStore("STANDARD");
            assertEquals(ExecutionStatus.FAILED, store.find(ARN + "refused-one").orElseThrow().status());
            assertEquals(3, workCalls.get(), "the poisoned execution's Task is not called again");
        }
    }

    private CamelContext app(Path definition) throws Exception {
        CamelContext context = StoreContexts.withStore("sqlite", storeFolder);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:start").to("asl:refused?definition=file:" + definition);
                from("direct:work").process(exchange -> {
                    workCalls.incrementAndGet();
                    boolean big = exchange.getMessage().getBody(String.class).contains("true");
                    exchange.getMessage().setBody("{\"payload\": \"" + (big ? "poison" : "fine") + "\"}");
                });
                from("direct:again").setBody(constant("{}"));
            }
        });
        context.start();
        return context;
    }
}
