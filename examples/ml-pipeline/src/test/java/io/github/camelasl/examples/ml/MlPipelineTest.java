package io.github.camelasl.examples.ml;

import static io.github.camelasl.test.AslAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.AslConstants;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.test.AslTestKit;
import java.io.InputStream;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The example pipeline, in both dialects: the happy path (with retried training runs, its path checked with the
 * test kit), bad data, and a model below threshold give the same results whether written with JSONPath or JSONata
 * and variables.
 */
class MlPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Tasks.Notifier notifier = new Tasks.Notifier();
    private CamelContext context;
    /** Attached before the first execution, so that the run's path coverage counts every execution here. */
    private AslTestKit kit;
    private ObjectNode input;

    private void start(String definition) throws Exception {
        context = MlPipelineApp.create(notifier, definition);
        context.start();
        kit = AslTestKit.of(context);
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("input.json")) {
            input = (ObjectNode) JSON.readTree(in);
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (kit != null) {
            kit.close();
        }
        if (context != null) {
            context.close();
        }
    }

    private JsonNode run(JsonNode in) throws Exception {
        String out = context.createProducerTemplate().requestBody("direct:train-pipeline", JSON.writeValueAsString(in),
                String.class);
        return JSON.readTree(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {MlPipelineApp.JSONPATH_DEFINITION, MlPipelineApp.JSONATA_DEFINITION})
    void trainsEveryHyperparameterSetAndDeploysTheBestModel(String definition) throws Exception {
        start(definition);
        Exchange reply = context.createProducerTemplate().request("direct:train-pipeline",
                e -> e.getMessage().setBody(JSON.writeValueAsString(input)));
        JsonNode out = JSON.readTree(reply.getMessage().getBody(String.class));
        assertEquals("model-1", out.path("modelId").asText(), "learningRate 0.05/depth 6 scores 0.86, the best");
        assertEquals("churn-serving", out.path("endpoint").asText());
        assertEquals("InService", out.path("status").asText());
        assertTrue(notifier.sent().isEmpty());
        // the path it took: each of the three training runs found the GPU busy once, and its Retry ran it again
        assertThat(kit.stateMachine("ml-pipeline").execution(reply.getMessage().getHeader(
                AslConstants.EXECUTION_ARN, String.class))).succeeded()
                .passedThrough("ValidateTrainingData", "TrainModels", "EvaluateBestModel", "DeployModel")
                .didNotPassThrough("NotifyFailure")
                .state("Train").wasEntered(3).wasRetried(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {MlPipelineApp.JSONPATH_DEFINITION, MlPipelineApp.JSONATA_DEFINITION})
    void invalidDataGoesToTheFailureNotificationAndFailsTheRun(String definition) throws Exception {
        start(definition);
        input.put("dataset", "file:data/empty.csv");
        CamelExecutionException thrown = assertThrows(CamelExecutionException.class, () -> run(input));
        AslError error = assertInstanceOf(AslError.class, thrown.getCause());
        assertEquals("InvalidTrainingData", error.error());
        assertEquals("Dataset file:data/empty.csv failed validation: only 0 rows", error.cause());
        assertEquals(1, notifier.sent().size());
        assertTrue(notifier.sent().get(0).contains("ML pipeline failed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {MlPipelineApp.JSONPATH_DEFINITION, MlPipelineApp.JSONATA_DEFINITION})
    void aModelBelowTheThresholdIsReportedNotDeployed(String definition) throws Exception {
        start(definition);
        input.put("accuracyThreshold", 0.95);
        CamelExecutionException thrown = assertThrows(CamelExecutionException.class, () -> run(input));
        AslError error = assertInstanceOf(AslError.class, thrown.getCause());
        assertEquals("ModelBelowThreshold", error.error());
        assertTrue(notifier.sent().get(0).contains("\"accuracy\":0.86"), notifier.sent().get(0));
    }
}
