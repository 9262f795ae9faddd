package io.github.camelasl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.engine.MapStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.UnaryOperator;
import org.apache.camel.builder.RouteBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** W3: an inline Map over 10,000 items, each through one small Pass; MaxConcurrency 0 (unbounded) and 10. */
@State(Scope.Benchmark)
public class W3InlineMap {

    static final int ITEMS = 10_000;

    @Param({"0", "10"})
    public int maxConcurrency;

    private String input;
    private CamelFixture camel;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        input = input(ITEMS);
        // unbounded means the engine's own cap for inline Maps (AWS's 40): the Camel split gets as many threads
        int threads = maxConcurrency == 0 ? MapStep.MAX_INLINE_CONCURRENCY : maxConcurrency;
        camel = CamelFixture.start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:w3").to(Workloads.aslUri("w3", "w3-map-c" + maxConcurrency + ".asl.json"));
                ExecutorService pool = getContext().getExecutorServiceManager()
                        .newFixedThreadPool(this, "w3-camel-split", threads);
                // the Camel floor: a parallel split over the items, results gathered in input order
                from("direct:w3-camel")
                        .process(e -> e.getMessage().setBody(items(Workloads.parseObject(e.getMessage().getBody(String.class)))))
                        .split(body(), new OrderedResults()).parallelProcessing().executorService(pool)
                            .process(e -> e.getMessage().setBody(mark(e.getMessage().getBody(JsonNode.class))))
                        .end()
                        .process(e -> e.getMessage().setBody(Workloads.write(e.getMessage().getBody(JsonNode.class))));
            }
        });
        Workloads.verify("W3InlineMap-" + maxConcurrency, camel, "direct:w3", input, UnaryOperator.identity(),
                Map.of("camelRoute", this::camelRoute, "plainJava", this::plainJava));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        camel.close();
    }

    static String input(int items) {
        ArrayNode array = Workloads.JSON.createArrayNode();
        for (int i = 0; i < items; i++) {
            array.addObject().put("id", i).put("value", i * 3).put("name", "item-" + i);
        }
        ObjectNode document = Workloads.JSON.createObjectNode();
        document.set("items", array);
        return Workloads.write(document);
    }

    /** ItemsPath $.items. */
    static List<JsonNode> items(ObjectNode document) {
        List<JsonNode> items = new ArrayList<>();
        document.get("items").forEach(items::add);
        return items;
    }

    /** The item's Pass: Parameters {"id.$": "$.id", "processed": true}. */
    static JsonNode mark(JsonNode item) {
        ObjectNode result = Workloads.JSON.createObjectNode();
        result.set("id", item.get("id"));
        result.put("processed", true);
        return result;
    }

    @Benchmark
    public String engine() {
        return camel.request("direct:w3", input);
    }

    @Benchmark
    public String camelRoute() {
        return camel.request("direct:w3-camel", input);
    }

    /** The floor: one thread, no pool; on this kind of per-item work a pool only adds hand-offs. */
    @Benchmark
    public String plainJava() {
        ArrayNode results = Workloads.JSON.createArrayNode();
        for (JsonNode item : items(Workloads.parseObject(input))) {
            results.add(mark(item));
        }
        return Workloads.write(results);
    }
}
