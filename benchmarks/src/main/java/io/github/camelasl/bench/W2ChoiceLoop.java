package io.github.camelasl.bench;

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

/** W2: a Choice loop of 1,000 iterations (Pass with States.MathAdd, Choice NumericLessThan back to it). */
@State(Scope.Benchmark)
public class W2ChoiceLoop {

    static final String DEFINITION = "w2-choice-loop.asl.json";
    static final String INPUT = "{\"count\":0}";
    static final int LIMIT = 1000;

    private CamelFixture camel;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        camel = CamelFixture.start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:w2").to(Workloads.aslUri("w2", DEFINITION));
                // the Camel floor: loopDoWhile is the Choice, one processor is the Pass
                from("direct:w2-camel")
                        .process(e -> e.getMessage().setBody(Workloads.parseObject(e.getMessage().getBody(String.class))))
                        .loopDoWhile(e -> lessThanLimit(e.getMessage().getBody(ObjectNode.class)))
                            .process(e -> e.getMessage().setBody(increment(e.getMessage().getBody(ObjectNode.class))))
                        .end()
                        .process(e -> e.getMessage().setBody(Workloads.write(e.getMessage().getBody(ObjectNode.class))));
            }
        });
        Workloads.verify("W2ChoiceLoop", camel, "direct:w2", INPUT, UnaryOperator.identity(),
                Map.of("camelRoute", this::camelRoute, "plainJava", this::plainJava));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        camel.close();
    }

    /** The Pass: Parameters {"count.$": "States.MathAdd($.count, 1)"} makes a new document. */
    static ObjectNode increment(ObjectNode document) {
        ObjectNode next = Workloads.JSON.createObjectNode();
        next.put("count", document.get("count").asLong() + 1);
        return next;
    }

    /** The Choice rule: $.count NumericLessThan 1000. */
    static boolean lessThanLimit(ObjectNode document) {
        return document.get("count").asLong() < LIMIT;
    }

    @Benchmark
    public String engine() {
        return camel.request("direct:w2", INPUT);
    }

    @Benchmark
    public String camelRoute() {
        return camel.request("direct:w2-camel", INPUT);
    }

    @Benchmark
    public String plainJava() {
        ObjectNode document = Workloads.parseObject(INPUT);
        do {
            document = increment(document);
        } while (lessThanLimit(document));
        return Workloads.write(document);
    }
}
