package io.github.camelasl.examples.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelasl.engine.AslError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pipeline's work, as plain beans a Camel app would have: each Task state calls one method with the
 * state's effective input as JSON text and returns its result (a Map, which the engine turns into JSON).
 */
public final class Tasks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Tasks() {
    }

    static JsonNode read(String json) throws Exception {
        return JSON.readTree(json);
    }

    /** Checks the dataset: a real one would count rows and check the schema. */
    public static class DataValidator {
        public Map<String, Object> validate(String input) throws Exception {
            JsonNode in = read(input);
            String dataset = in.path("dataset").asText();
            int rows = dataset.contains("empty") ? 0 : 12_840;
            boolean valid = rows >= in.path("minRows").asInt();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("valid", valid);
            result.put("rows", rows);
            result.put("reason", valid ? "ok" : "only " + rows + " rows");
            return result;
        }
    }

    /**
     * Trains one model. The first attempt of each run finds the GPU pool busy, a transient error the state's
     * Retry absorbs.
     */
    public static class Trainer {
        private final Set<Integer> busyOnce = ConcurrentHashMap.newKeySet();

        public Map<String, Object> train(String input) throws Exception {
            JsonNode in = read(input);
            int run = in.path("run").asInt();
            if (busyOnce.add(run)) {
                throw new AslError("GpuUnavailable", "no GPU free for run " + run);
            }
            double learningRate = in.at("/params/learningRate").asDouble();
            int depth = in.at("/params/depth").asInt();
            // a made-up but deterministic response surface: deeper helps, a learning rate far from 0.05 hurts
            double accuracy = Math.round((0.80 + depth * 0.01 - Math.abs(learningRate - 0.05)) * 1000) / 1000.0;
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("modelId", "model-" + run);
            model.put("params", JSON.convertValue(in.get("params"), Map.class));
            model.put("accuracy", accuracy);
            return model;
        }
    }

    /** Picks the most accurate model and checks it against the threshold. */
    public static class Evaluator {
        public Map<String, Object> evaluate(String input) throws Exception {
            JsonNode in = read(input);
            JsonNode best = null;
            for (JsonNode model : in.path("models")) {
                if (best == null || model.path("accuracy").asDouble() > best.path("accuracy").asDouble()) {
                    best = model;
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("best", JSON.convertValue(best, Map.class));
            result.put("passed", best != null && best.path("accuracy").asDouble() >= in.path("threshold").asDouble());
            return result;
        }
    }

    /** Deploys a model to a serving endpoint. */
    public static class Deployer {
        public Map<String, Object> deploy(String input) throws Exception {
            JsonNode in = read(input);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("modelId", in.path("modelId").asText());
            result.put("endpoint", in.path("endpoint").asText());
            result.put("status", "InService");
            return result;
        }
    }

    /** Sends notifications; here it prints them and keeps them for tests. */
    public static class Notifier {
        private final List<String> sent = Collections.synchronizedList(new ArrayList<>());

        public Map<String, Object> send(String input) {
            sent.add(input);
            System.out.println("  [notification] " + input);
            return Map.of("delivered", true);
        }

        public List<String> sent() {
            return sent;
        }
    }
}
