package io.github.camelasl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.builder.RouteBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * W7: the seed pipeline generate_uuid -> set_config -> prepare_feature_set -> register_task: two Pass states
 * (one with States.UUID()) and two Tasks on local direct: endpoints. Target: p99 at most 200 µs.
 */
@State(Scope.Benchmark)
public class W7SeedPipeline {

    static final String DEFINITION = "w7-seed-pipeline.asl.json";
    static final String INPUT = "{\"dataset\":\"s3://ml-data/churn/train.csv\",\"owner\":\"ml-team\"}";
    static final String CONFIG = "{\"instanceType\":\"ml.m5.large\",\"maxEpochs\":10,\"learningRate\":0.01,"
            + "\"region\":\"eu-west-1\"}";
    static final String FEATURE_SET = "{\"featureSetId\":\"fs-0042\",\"features\":[\"tenure\",\"plan\",\"usage\"]}";
    static final String REGISTRATION = "{\"taskId\":\"task-0042\",\"status\":\"REGISTERED\"}";

    private final JsonNode config = Workloads.parse(CONFIG);
    private CamelFixture camel;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        camel = CamelFixture.start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:w7-prepare-feature-set").process(e -> e.getMessage().setBody(
                        prepareFeatureSet(e.getMessage().getBody(String.class))));
                from("direct:w7-register-task").process(e -> e.getMessage().setBody(
                        registerTask(e.getMessage().getBody(String.class))));
                from("direct:w7").to(Workloads.aslUri("w7", DEFINITION));
                // the Camel floor: a processor per Pass, the same two endpoints for the Tasks
                from("direct:w7-camel")
                        .process(e -> e.setProperty("document", Workloads.parseObject(e.getMessage().getBody(String.class))))
                        .process(e -> generateUuid(document(e)))
                        .process(e -> setConfig(document(e)))
                        .process(e -> e.getMessage().setBody(Workloads.write(featureSetRequest(document(e)))))
                        .to("direct:w7-prepare-feature-set")
                        .process(e -> document(e).set("featureSet", Workloads.parse(e.getMessage().getBody(String.class))))
                        .process(e -> e.getMessage().setBody(Workloads.write(document(e))))
                        .to("direct:w7-register-task")
                        .process(e -> document(e).set("registration", Workloads.parse(e.getMessage().getBody(String.class))))
                        .process(e -> e.getMessage().setBody(Workloads.write(document(e))));
            }
        });
        Workloads.verify("W7SeedPipeline", camel, "direct:w7", INPUT, W7SeedPipeline::withoutRunId,
                Map.of("camelRoute", this::camelRoute, "plainJava", this::plainJava));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        camel.close();
    }

    private static ObjectNode document(org.apache.camel.Exchange exchange) {
        return exchange.getProperty("document", ObjectNode.class);
    }

    /** generate_uuid: Parameters {"runId.$": "States.UUID()"}, ResultPath $.run. */
    static void generateUuid(ObjectNode document) {
        document.putObject("run").put("runId", UUID.randomUUID().toString());
    }

    /** set_config: Result {...}, ResultPath $.config. */
    void setConfig(ObjectNode document) {
        document.set("config", config.deepCopy());
    }

    /** prepare_feature_set's Parameters: {"runId.$": "$.run.runId", "dataset.$": "$.dataset"}. */
    static ObjectNode featureSetRequest(ObjectNode document) {
        ObjectNode request = Workloads.JSON.createObjectNode();
        request.set("runId", document.get("run").get("runId"));
        request.set("dataset", document.get("dataset"));
        return request;
    }

    static String prepareFeatureSet(String request) {
        if (request == null || !request.contains("runId")) {
            throw new IllegalArgumentException("expected the run id, got " + request);
        }
        return FEATURE_SET;
    }

    static String registerTask(String request) {
        if (request == null || !request.contains("featureSet")) {
            throw new IllegalArgumentException("expected the feature set, got " + request);
        }
        return REGISTRATION;
    }

    /** Outputs differ only by the generated run id: check it is a UUID, then blank it. */
    static JsonNode withoutRunId(JsonNode output) {
        ObjectNode copy = output.deepCopy();
        ObjectNode run = (ObjectNode) copy.get("run");
        UUID.fromString(run.get("runId").asText());
        run.put("runId", "<uuid>");
        return copy;
    }

    @Benchmark
    public String engine() {
        return camel.request("direct:w7", INPUT);
    }

    @Benchmark
    public String camelRoute() {
        return camel.request("direct:w7-camel", INPUT);
    }

    @Benchmark
    public String plainJava() {
        ObjectNode document = Workloads.parseObject(INPUT);
        generateUuid(document);
        setConfig(document);
        document.set("featureSet", Workloads.parse(prepareFeatureSet(Workloads.write(featureSetRequest(document)))));
        document.set("registration", Workloads.parse(registerTask(Workloads.write(document))));
        return Workloads.write(document);
    }
}
