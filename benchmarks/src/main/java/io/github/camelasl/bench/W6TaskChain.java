package io.github.camelasl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/** W6: 10 Task states on direct: endpoints, each a trivial processor answering a small JSON result. */
@State(Scope.Benchmark)
public class W6TaskChain {

    static final String DEFINITION = "w6-task-chain.asl.json";
    static final String INPUT = "{\"orderId\":\"o-2002\",\"lines\":[{\"sku\":\"A-1\",\"qty\":2},{\"sku\":\"B-7\",\"qty\":1}]}";
    static final int TASKS = 10;

    private CamelFixture camel;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        camel = CamelFixture.start(new RouteBuilder() {
            @Override
            public void configure() {
                for (int n = 1; n <= TASKS; n++) {
                    int task = n;
                    from("direct:w6-t" + n).process(e -> e.getMessage().setBody(task(task, e.getMessage().getBody(String.class))));
                }
                from("direct:w6").to(Workloads.aslUri("w6", DEFINITION));
                // the Camel floor: the document as a property; per Task, send it as JSON text, place the reply
                RouteDefinition route = from("direct:w6-camel")
                        .process(e -> e.setProperty("document", Workloads.parseObject(e.getMessage().getBody(String.class))));
                for (int n = 1; n <= TASKS; n++) {
                    String field = "t" + n;
                    route.process(e -> e.getMessage().setBody(Workloads.write(e.getProperty("document", JsonNode.class))))
                            .to("direct:w6-t" + n)
                            .process(e -> e.getProperty("document", ObjectNode.class)
                                    .set(field, Workloads.parse(e.getMessage().getBody(String.class))));
                }
                route.process(e -> e.getMessage().setBody(Workloads.write(e.getProperty("document", JsonNode.class))));
            }
        });
        Workloads.verify("W6TaskChain", camel, "direct:w6", INPUT, UnaryOperator.identity(),
                Map.of("camelRoute", this::camelRoute, "plainJava", this::plainJava));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        camel.close();
    }

    private static final String[] RESULTS = new String[TASKS + 1];

    static {
        for (int n = 1; n <= TASKS; n++) {
            RESULTS[n] = "{\"task\":" + n + ",\"ok\":true}";
        }
    }

    /** Task N's endpoint: reads the request (JSON text) and answers a small JSON object. */
    static String task(int n, String request) {
        if (request == null || !request.startsWith("{")) {
            throw new IllegalArgumentException("expected a JSON object, got " + request);
        }
        return RESULTS[n];
    }

    @Benchmark
    public String engine() {
        return camel.request("direct:w6", INPUT);
    }

    @Benchmark
    public String camelRoute() {
        return camel.request("direct:w6-camel", INPUT);
    }

    /** The floor: the same JSON-text request and reply per Task, the endpoint called as a method. */
    @Benchmark
    public String plainJava() {
        ObjectNode document = Workloads.parseObject(INPUT);
        for (int n = 1; n <= TASKS; n++) {
            document.set("t" + n, Workloads.parse(task(n, Workloads.write(document))));
        }
        return Workloads.write(document);
    }

    // the same three at two threads: the table shows the two-thread / one-thread throughput ratio

    @Benchmark
    @Threads(2)
    public String engineTwoThreads() {
        return engine();
    }

    @Benchmark
    @Threads(2)
    public String camelRouteTwoThreads() {
        return camelRoute();
    }

    @Benchmark
    @Threads(2)
    public String plainJavaTwoThreads() {
        return plainJava();
    }
}
