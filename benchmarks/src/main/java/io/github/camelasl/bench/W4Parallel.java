package io.github.camelasl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.camel.builder.RouteBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** W4: a Parallel state with 4 branches of 2 Pass states each. */
@State(Scope.Benchmark)
public class W4Parallel {

    static final String DEFINITION = "w4-parallel.asl.json";
    static final String INPUT = "{\"value\":{\"sku\":\"A-17\",\"qty\":3},\"requestId\":\"r-77\"}";
    private static final int BRANCHES = 4;

    private CamelFixture camel;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        camel = CamelFixture.start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:w4").to(Workloads.aslUri("w4", DEFINITION));
                // the Camel floor: a parallel multicast to one route per branch, two processors each
                String[] branches = new String[BRANCHES];
                for (int b = 1; b <= BRANCHES; b++) {
                    int branch = b;
                    branches[b - 1] = "direct:w4-camel-branch-" + b;
                    from(branches[b - 1])
                            .process(e -> e.getMessage().setBody(select(e.getMessage().getBody(JsonNode.class), branch)))
                            .process(e -> mark(e.getMessage().getBody(ObjectNode.class)));
                }
                from("direct:w4-camel")
                        .process(e -> e.getMessage().setBody(Workloads.parse(e.getMessage().getBody(String.class))))
                        .multicast(new OrderedResults()).parallelProcessing()
                            .to(branches)
                        .end()
                        .process(e -> e.getMessage().setBody(Workloads.write(e.getMessage().getBody(JsonNode.class))));
            }
        });
        Workloads.verify("W4Parallel", camel, "direct:w4", INPUT, UnaryOperator.identity(),
                Map.of("camelRoute", this::camelRoute, "plainJava", this::plainJava));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        camel.close();
    }

    /** A branch's first Pass: Parameters {"branch": N, "value.$": "$.value"}. */
    static ObjectNode select(JsonNode input, int branch) {
        ObjectNode result = Workloads.JSON.createObjectNode();
        result.put("branch", branch);
        result.set("value", input.get("value"));
        return result;
    }

    /** A branch's second Pass: Result "done", ResultPath $.status. */
    static void mark(ObjectNode document) {
        document.put("status", "done");
    }

    @Benchmark
    public String engine() {
        return camel.request("direct:w4", INPUT);
    }

    @Benchmark
    public String camelRoute() {
        return camel.request("direct:w4-camel", INPUT);
    }

    /** The floor: the branches one after the other; four tiny branches gain nothing from threads. */
    @Benchmark
    public String plainJava() {
        JsonNode input = Workloads.parse(INPUT);
        ArrayNode results = Workloads.JSON.createArrayNode();
        for (int branch = 1; branch <= BRANCHES; branch++) {
            ObjectNode document = select(input, branch);
            mark(document);
            results.add(document);
        }
        return Workloads.write(results);
    }
}
