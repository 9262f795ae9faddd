package io.github.camelasl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.AslValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step caching ({@code cachedStates}): a cached Task whose effective input and definition are unchanged reuses
 * its recorded result, and its endpoint is not called; a changed input, or a changed state, runs it again. On the
 * durable store the results outlive the app.
 */
class StepCachingTest {

    private static final String ETL = """
            {"StartAt": "Extract", "States": {
              "Extract": {"Type": "Task", "Resource": "direct:extract", "Parameters": {"file.$": "$.file"},
                          "ResultPath": "$.rows", "Next": "Train"},
              "Train": {"Type": "Task", "Resource": "direct:train", "Parameters": {"rows.$": "$.rows"},
                        "ResultPath": "$.model", "End": true}}}""";

    @TempDir
    Path folder;

    private final AtomicInteger extracts = new AtomicInteger();
    private final AtomicInteger trainings = new AtomicInteger();

    @Test
    void anUnchangedStepIsNotRunAgainAndAChangedOneIs() throws Exception {
        Path definition = write(ETL);
        try (CamelContext app = app(definition, "Extract", "sqlite")) {
            var template = app.createProducerTemplate();
            String first = template.requestBody("direct:run", "{\"file\": \"a.csv\"}", String.class);
            String second = template.requestBody("direct:run", "{\"file\": \"a.csv\"}", String.class);
            assertEquals(1, extracts.get(), "the cached Extract's endpoint was not called the second time");
            assertEquals(2, trainings.get(), "Train is not cached: it ran both times");
            assertEquals("{\"file\":\"a.csv\",\"rows\":{\"extracted\":\"a.csv\",\"call\":1},"
                    + "\"model\":{\"trainedOn\":1}}", first);
            assertEquals("{\"file\":\"a.csv\",\"rows\":{\"extracted\":\"a.csv\",\"call\":1},"
                    + "\"model\":{\"trainedOn\":1}}", second, "the recorded result stands in, ResultPath and all");

            template.requestBody("direct:run", "{\"file\": \"b.csv\"}", String.class);
            assertEquals(2, extracts.get(), "another input runs the step again");
        }
        // the app restarts with the same definition: the results are in the store
        try (CamelContext app = app(definition, "Extract", "sqlite")) {
            app.createProducerTemplate().requestBody("direct:run", "{\"file\": \"a.csv\"}", String.class);
            assertEquals(2, extracts.get(), "cached across the restart");
        }
        // the state's definition changes: its recorded results no longer apply
        Files.writeString(definition, ETL.replace("\"file.$\": \"$.file\"", "\"file.$\": \"$.file\", \"v\": 2"));
        try (CamelContext app = app(definition, "Extract", "sqlite")) {
            app.createProducerTemplate().requestBody("direct:run", "{\"file\": \"a.csv\"}", String.class);
            assertEquals(3, extracts.get(), "a changed state runs again");
        }
    }

    @Test
    void everyTaskStateWithAStar() throws Exception {
        try (CamelContext app = app(write(ETL), "*", "memory")) {
            var template = app.createProducerTemplate();
            template.requestBody("direct:run", "{\"file\": \"a.csv\"}", String.class);
            template.requestBody("direct:run", "{\"file\": \"a.csv\"}", String.class);
            assertEquals(1, extracts.get());
            assertEquals(1, trainings.get());
        }
    }

    @Test
    void aNameThatIsNoTaskStateIsRefusedAtDeployment() throws Exception {
        Exception e = assertThrows(Exception.class, () -> app(write(ETL), "Extract,Load", "memory").close());
        Throwable cause = e;
        while (cause != null && !(cause instanceof AslValidationException)) {
            cause = cause.getCause();
        }
        assertTrue(cause != null, "an AslValidationException: " + e);
        assertTrue(cause.getMessage().contains("cachedStates names [Load], which is not a Task state"),
                cause.getMessage());
    }

    private CamelContext app(Path definition, String cachedStates, String store) throws Exception {
        CamelContext context = StoreContexts.withStore(store, folder.resolve("store"));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:run").to("asl:etl?definition=file:" + definition + "&cachedStates=" + cachedStates);
                from("direct:extract").process(e -> e.getMessage().setBody("{\"extracted\": \""
                        + e.getMessage().getBody(String.class).replaceAll(".*\"file\":\"([^\"]*)\".*", "$1")
                        + "\", \"call\": " + extracts.incrementAndGet() + "}"));
                from("direct:train").process(e -> {
                    trainings.incrementAndGet();
                    e.getMessage().setBody("{\"trainedOn\": "
                            + e.getMessage().getBody(String.class).replaceAll(".*\"call\":(\\d+).*", "$1") + "}");
                });
            }
        });
        try {
            context.start();
        } catch (Exception e) {
            context.close();
            throw e;
        }
        return context;
    }

    private Path write(String text) throws Exception {
        Path file = folder.resolve("etl.asl.json");
        Files.writeString(file, text);
        return file;
    }
}
