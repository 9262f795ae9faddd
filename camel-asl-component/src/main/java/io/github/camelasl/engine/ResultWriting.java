package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.ExecutionShapes;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.dataflow.PayloadTemplate;
import io.github.camelasl.model.MapState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Distributed Map's ResultWriter: WriterConfig shapes the iterations' results (Transformation NONE, COMPACT or
 * FLATTEN; OutputType JSON or JSONL), and with a Resource ({@code arn:aws:states:::s3:putObject}, called like a Task
 * through the resolver chain, so a mapping may send it anywhere) they are written as AWS writes them: result files
 * {@code <Prefix>/<map run id>/SUCCEEDED_0.json} (FAILED_0, PENDING_0) and a {@code manifest.json} listing them, and
 * the Map's output is {@code {MapRunArn, ResultWriterDetails: {Bucket, Key}}}.
 *
 * <p>Sources: AWS's developer guide, "ResultWriter (Map)" (the fields, the Transformation and OutputType values, their
 * defaults, "a failed child's result stays as with NONE", the required field combinations); the recording
 * {@code test_map_state_result_writer} of LocalStack's snapshot tests (2024-08-19: the output and the manifest key
 * {@code <Prefix>/<uuid>/manifest.json}, a "/" added to a Prefix without one); LocalStack's ResultWriter (the
 * manifest's members {@code DestinationBucket, MapRunArn, ResultFiles{FAILED, PENDING, SUCCEEDED}}). Not recorded
 * anywhere we could read, so from the guide's prose and kept simple: a file per status with results (AWS splits a
 * file at 5 GB, which this never reaches), entries {@code {Key, Size}}, JSONL files named {@code .jsonl}.
 */
public final class ResultWriting {

    static final String NONE = "NONE";
    static final String COMPACT = "COMPACT";
    static final String FLATTEN = "FLATTEN";

    private ResultWriting() {
    }

    /** The writer's Resource, or null when there is none (WriterConfig alone only shapes the output). */
    public static String resource(MapState state) {
        JsonNode writer = state.resultWriter();
        return writer == null || !writer.path("Resource").isTextual() ? null : writer.get("Resource").textValue();
    }

    /** Transformation: as given, else NONE when exporting and COMPACT when not ("ResultWriter (Map)"). */
    static String transformation(MapState state) {
        JsonNode config = state.resultWriter().path("WriterConfig");
        return config.path("Transformation").asText(resource(state) != null ? NONE : COMPACT);
    }

    static boolean jsonLines(MapState state) {
        return "JSONL".equals(state.resultWriter().path("WriterConfig").path("OutputType").asText("JSON"));
    }

    /**
     * The results WriterConfig makes of the iterations' outcomes (no Resource): the Map's result. NONE gives each
     * iteration's execution description, COMPACT its output, FLATTEN its output with arrays spread out; a failed
     * iteration's stays as with NONE.
     */
    static ArrayNode shaped(Scope scope, FanOut fanOut) {
        MapState state = (MapState) scope.current();
        return results(scope, state, fanOut, transformation(state)).inOrder();
    }

    /**
     * The results by status (the succeeded, failed and pending iterations'), and the succeeded and failed ones in the
     * iterations' order (the Map's result when nothing is written).
     */
    private record Results(ArrayNode succeeded, ArrayNode failed, ArrayNode pending, ArrayNode inOrder) {
    }

    private static Results results(Scope scope, MapState state, FanOut fanOut, String transformation) {
        Results out = new Results(Json.NODES.arrayNode(), Json.NODES.arrayNode(), Json.NODES.arrayNode(),
                Json.NODES.arrayNode());
        MapRun run = fanOut.mapRun();
        for (int i = 0; i < fanOut.size(); i++) {
            AslError failure = fanOut.failure(i);
            JsonNode output = fanOut.output(i);
            if (failure != null) {
                ObjectNode described = described(scope, state, run, fanOut, i);
                described.put("Error", failure.error());
                described.put("Cause", failure.cause());
                described.put("Status", "FAILED");
                out.failed().add(described);
                out.inOrder().add(described);
            } else if (output == null) {
                ObjectNode described = described(scope, state, run, fanOut, i);
                described.put("Status", "PENDING");
                out.pending().add(described);
            } else if (NONE.equals(transformation)) {
                ObjectNode described = described(scope, state, run, fanOut, i);
                described.put("Output", Json.write(output));
                described.putObject("OutputDetails").put("Included", true);
                described.put("Status", "SUCCEEDED");
                out.succeeded().add(described);
                out.inOrder().add(described);
            } else if (FLATTEN.equals(transformation) && output.isArray()) {
                output.forEach(out.succeeded()::add);
                output.forEach(out.inOrder()::add);
            } else {
                out.succeeded().add(output);
                out.inOrder().add(output);
            }
        }
        return out;
    }

    /**
     * An iteration as DescribeExecution describes the child workflow execution AWS runs for it. None runs here (the
     * iterations run inline): its name is the map run's id and the iteration's index.
     */
    private static ObjectNode described(Scope scope, MapState state, MapRun run, FanOut fanOut, int index) {
        String executionArn = scope.execution().arn();
        String[] parts = executionArn.split(":", -1);
        String machine = parts.length > 6 ? parts[6] : "";
        String label = state.label() != null ? state.label() : state.name();
        String prefix = parts.length > 4 ? String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4]) : "";
        String name = (run == null ? "run" : run.uuid()) + "-" + index;
        ObjectNode out = Json.NODES.objectNode();
        out.put("ExecutionArn", prefix + ":execution:" + machine + "/" + label + ":" + name);
        JsonNode input = fanOut.input(index);
        out.put("Input", input == null ? "{}" : Json.write(input));
        out.putObject("InputDetails").put("Included", true);
        out.put("Name", name);
        out.put("RedriveCount", 0);
        out.put("StateMachineArn", prefix + ":stateMachine:" + machine + "/" + label);
        Instant started = fanOut.startedAt(index);
        Instant stopped = fanOut.stoppedAt(index);
        if (started != null) {
            out.put("StartDate", ExecutionShapes.date(started));
        }
        if (stopped != null) {
            out.put("StopDate", ExecutionShapes.date(stopped));
        }
        return out;
    }

    /**
     * The writes of a Map run that ended: its result files, then the manifest. {@code failure} is what the Map fails
     * with once they are written (its tolerance exceeded), or null.
     */
    static Writes writes(Scope scope, FanOut fanOut, AslError failure) {
        MapState state = (MapState) scope.current();
        JsonNode writer = state.resultWriter();
        JsonNode parameters;
        if (JsonataStates.applies(state)) {
            JsonNode arguments = writer.get("Arguments");
            parameters = arguments == null ? Json.NODES.objectNode()
                    : JsonataStates.template(scope, arguments, JsonataStates.states(scope), "Arguments");
        } else {
            JsonNode given = writer.get("Parameters");
            parameters = given == null ? Json.NODES.objectNode()
                    : PayloadTemplate.evaluate(given, scope.effectiveInput(), scope.bindings());
        }
        JsonNode bucket = parameters.get("Bucket");
        JsonNode prefixNode = parameters.path("Prefix");
        if (bucket == null || !bucket.isTextual() || bucket.textValue().isEmpty()) {
            throw new AslError(ErrorNames.RESULT_WRITER_FAILED, "The ResultWriter's Parameters must give the Bucket "
                    + "as text, but gave: " + (bucket == null ? "none" : Json.write(bucket)));
        }
        if (!prefixNode.isMissingNode() && !prefixNode.isNull() && !prefixNode.isTextual()) {
            throw new AslError(ErrorNames.RESULT_WRITER_FAILED, "The ResultWriter's Prefix must be text, but was: "
                    + Json.write(prefixNode));
        }
        String prefix = prefixNode.isTextual() ? prefixNode.textValue() : "";
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix += "/"; // as LocalStack's recording shows: Prefix "mapJobs" gives keys under "mapJobs/"
        }
        MapRun run = fanOut.mapRun();
        String folder = prefix + run.uuid() + "/";
        Results results = results(scope, state, fanOut, transformation(state));
        boolean lines = jsonLines(state);
        List<ObjectNode> requests = new ArrayList<>();
        ObjectNode files = Json.NODES.objectNode();
        // the manifest lists the three statuses in this order (LocalStack's, the only rendering we have)
        for (String status : List.of("FAILED", "PENDING", "SUCCEEDED")) {
            ArrayNode entries = files.putArray(status);
            ArrayNode of = switch (status) {
                case "FAILED" -> results.failed();
                case "PENDING" -> results.pending();
                default -> results.succeeded();
            };
            if (of.isEmpty()) {
                continue;
            }
            String key = folder + status + "_0." + (lines ? "jsonl" : "json");
            String text = lines ? jsonLines(of) : Json.write(of);
            entries.addObject().put("Key", key).put("Size", text.getBytes(StandardCharsets.UTF_8).length);
            requests.add(request(bucket.textValue(), key, text));
        }
        ObjectNode manifest = Json.NODES.objectNode();
        manifest.put("DestinationBucket", bucket.textValue());
        manifest.put("MapRunArn", run.arn());
        manifest.set("ResultFiles", files);
        String manifestKey = folder + "manifest.json";
        requests.add(request(bucket.textValue(), manifestKey, Json.write(manifest)));
        ObjectNode output = Json.NODES.objectNode();
        output.put("MapRunArn", run.arn());
        output.putObject("ResultWriterDetails").put("Bucket", bucket.textValue()).put("Key", manifestKey);
        return new Writes(requests, output, failure, results.succeeded().size() + results.failed().size());
    }

    private static String jsonLines(ArrayNode results) {
        StringBuilder text = new StringBuilder();
        results.forEach(result -> text.append(Json.write(result)).append('\n'));
        return text.toString();
    }

    private static ObjectNode request(String bucket, String key, String body) {
        ObjectNode request = Json.NODES.objectNode();
        request.put("Bucket", bucket);
        request.put("Key", key);
        request.put("Body", body);
        return request;
    }

    /** A failed write: the Map fails with States.ResultWriterFailed, naming the call's error. */
    public static AslError failed(AslError callError) {
        return new AslError(ErrorNames.RESULT_WRITER_FAILED, callError.error() + ": " + callError.cause());
    }

    /** The writes of one Map run, one after the other; the request of the next, null once all are written. */
    public static final class Writes {

        private final List<ObjectNode> requests;
        private final JsonNode output;
        private final AslError failure;
        private final long resultsWritten;
        private int next;

        Writes(List<ObjectNode> requests, JsonNode output, AslError failure, long resultsWritten) {
            this.requests = requests;
            this.output = output;
            this.failure = failure;
            this.resultsWritten = resultsWritten;
        }

        public JsonNode request() {
            return next < requests.size() ? requests.get(next) : null;
        }

        /** The current write answered (its reply is not used). */
        public void written() {
            next++;
        }

        JsonNode output() {
            return output;
        }

        AslError failure() {
            return failure;
        }

        long resultsWritten() {
            return resultsWritten;
        }
    }
}
