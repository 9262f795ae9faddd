package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** MaxConcurrency bounds how many iterations of one Map run at once; the output keeps input order. */
class MapStateConcurrencyTest extends EngineTestSupport {

    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();

    @Override
    protected void configure(CamelContext camel) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:work").process(e -> {
                    int now = running.incrementAndGet();
                    mostRunning.accumulateAndGet(now, Math::max);
                    Thread.sleep(100); // long enough that the runs the gate lets through overlap on a busy machine
                    running.decrementAndGet();
                    JsonNode in = Json.parse(e.getMessage().getBody(String.class));
                    e.getMessage().setBody("{\"square\": " + in.get("n").intValue() * in.get("n").intValue() + "}");
                });
            }
        });
    }

    private static String map(String concurrencyField) {
        return """
                {"StartAt": "Squares", "States": {"Squares": {"Type": "Map", %s, "ItemsPath": "$.items",
                  "ItemSelector": {"n.$": "$$.Map.Item.Value"},
                  "ItemProcessor": {"StartAt": "Square", "States": {
                    "Square": {"Type": "Task", "Resource": "direct:work", "OutputPath": "$.square", "End": true}}},
                  "End": true}}}""".formatted(concurrencyField);
    }

    private static final String TWELVE_ITEMS = "{\"items\": [1,2,3,4,5,6,7,8,9,10,11,12], \"limit\": 2}";
    private static final String SQUARES = "[1,4,9,16,25,36,49,64,81,100,121,144]";

    @Test
    void maxConcurrencyThreeRunsThreeAtATime() throws Exception {
        ExecutionResult result = run(map("\"MaxConcurrency\": 3"), TWELVE_ITEMS);
        assertEquals(json(SQUARES), result.output());
        assertEquals(3, mostRunning.get());
    }

    @Test
    void maxConcurrencyPathIsReadFromTheInput() throws Exception {
        ExecutionResult result = run(map("\"MaxConcurrencyPath\": \"$.limit\""), TWELVE_ITEMS);
        assertEquals(json(SQUARES), result.output());
        assertEquals(2, mostRunning.get());
    }

    @Test
    void maxConcurrencyOneRunsInOrderOneByOne() throws Exception {
        ExecutionResult result = run(map("\"MaxConcurrency\": 1"), TWELVE_ITEMS);
        assertEquals(json(SQUARES), result.output());
        assertEquals(1, mostRunning.get());
    }
}
