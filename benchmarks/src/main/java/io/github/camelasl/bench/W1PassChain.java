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

/** W1: a chain of 10 Pass states, each with InputPath, Parameters and ResultPath, on a small document. */
@State(Scope.Benchmark)
public class W1PassChain {

    static final String DEFINITION = "w1-pass-chain.asl.json";
    static final String INPUT = "{\"orderId\":\"o-1001\",\"customer\":{\"id\":42,\"name\":\"Ada\",\"tier\":\"gold\"},"
            + "\"amount\":12.5,\"currency\":\"EUR\"}";
    private static final int STEPS = 10;

    private CamelFixture camel;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        camel = CamelFixture.start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:w1").to(Workloads.aslUri("w1", DEFINITION));
                // the Camel floor: one processor per state, each doing that Pass's work with Jackson
                RouteDefinition route = from("direct:w1-camel")
                        .process(e -> e.getMessage().setBody(Workloads.parseObject(e.getMessage().getBody(String.class))));
                for (int i = 1; i <= STEPS; i++) {
                    int step = i;
                    route.process(e -> pass(e.getMessage().getBody(ObjectNode.class), step));
                }
                route.process(e -> e.getMessage().setBody(Workloads.write(e.getMessage().getBody(JsonNode.class))));
            }
        });
        Workloads.verify("W1PassChain", camel, "direct:w1", INPUT, UnaryOperator.identity(),
                Map.of("camelRoute", this::camelRoute, "plainJava", this::plainJava));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        camel.close();
    }

    /** One Pass: InputPath $.customer, Parameters {customerId, tier, step}, ResultPath $.lastStep. */
    static void pass(ObjectNode document, int step) {
        JsonNode effective = document.get("customer");
        ObjectNode parameters = Workloads.JSON.createObjectNode();
        parameters.set("customerId", effective.get("id"));
        parameters.set("tier", effective.get("tier"));
        parameters.put("step", step);
        document.set("lastStep", parameters);
    }

    @Benchmark
    public String engine() {
        return camel.request("direct:w1", INPUT);
    }

    @Benchmark
    public String camelRoute() {
        return camel.request("direct:w1-camel", INPUT);
    }

    @Benchmark
    public String plainJava() {
        return passChain(INPUT);
    }

    /** The whole chain in plain Java: parse, the ten Passes in place, write (also W9's Camel floor). */
    static String passChain(String input) {
        ObjectNode document = Workloads.parseObject(input);
        for (int step = 1; step <= STEPS; step++) {
            pass(document, step);
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
