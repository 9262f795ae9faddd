package io.github.camelasl.examples.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.engine.AslError;
import java.io.InputStream;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example pipeline: the happy path (with retried training runs), bad data, and a model below threshold. */
class MlPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Tasks.Notifier notifier = new Tasks.Notifier();
    private CamelContext context;
    private ObjectNode input;

    @BeforeEach
    void start() throws Exception {
        context = MlPipelineApp.create(notifier);
        context.start();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("input.json")) {
            input = (ObjectNode) JSON.readTree(in);
        }
    }

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    private JsonNode run(JsonNode in) throws Exception {
        String out = context.createProducerTemplate().requestBody("direct:train-pipeline", JSON.writeValueAsString(in),
                String.class);
        return JSON.readTree(out);
    }

    @Test
    void trainsEveryHyperparameterSetAndDeploysTheBestModel() throws Exception {
        JsonNode out = run(input);
        assertEquals("model-1", out.path("modelId").asText(), "learningRate 0.05/depth 6 scores 0.86, the best");
        assertEquals("churn-serving", out.path("endpoint").asText());
        assertEquals("InService", out.path("status").asText());
        assertTrue(notifier.sent().isEmpty());
    }

    @Test
    void invalidDataGoesToTheFailureNotificationAndFailsTheRun() {
        input.put("dataset", "file:data/empty.csv");
        CamelExecutionException thrown = assertThrows(CamelExecutionException.class, () -> run(input));
        AslError error = assertInstanceOf(AslError.class, thrown.getCause());
        assertEquals("InvalidTrainingData", error.error());
        assertEquals("Dataset file:data/empty.csv failed validation: only 0 rows", error.cause());
        assertEquals(1, notifier.sent().size());
        assertTrue(notifier.sent().get(0).contains("ML pipeline failed"));
    }

    @Test
    void aModelBelowTheThresholdIsReportedNotDeployed() {
        input.put("accuracyThreshold", 0.95);
        CamelExecutionException thrown = assertThrows(CamelExecutionException.class, () -> run(input));
        AslError error = assertInstanceOf(AslError.class, thrown.getCause());
        assertEquals("ModelBelowThreshold", error.error());
        assertTrue(notifier.sent().get(0).contains("\"accuracy\":0.86"), notifier.sent().get(0));
    }
}
