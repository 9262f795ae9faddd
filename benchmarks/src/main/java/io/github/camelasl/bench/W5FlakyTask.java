package io.github.camelasl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.AslConstants;
import io.github.camelasl.engine.AslError;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.apache.camel.builder.RouteBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * W5: a Task whose endpoint fails the first 3 calls of each execution, then succeeds, under a Retry of 3
 * attempts. ASL's IntervalSeconds is at least 1, so the engine's endpoint sets {@code retryIntervalScale=0}:
 * the retries run at once, with the definition's attempts and history events, and we time retrying, not sleeping.
 */
@State(Scope.Benchmark)
public class W5FlakyTask {

    static final String DEFINITION = "w5-flaky-task.asl.json";
    static final String INPUT = "{\"jobId\":\"j-5\",\"payload\":{\"rows\":120,\"table\":\"events\"}}";
    static final int FAILURES = 3;
    static final String RESULT = "{\"loaded\":true,\"rows\":120}";

    /** Calls so far per execution; a key goes on success, so the map does not grow. */
    private final Map<String, Integer> calls = new ConcurrentHashMap<>();
    private final AtomicLong plainExecutions = new AtomicLong();
    private CamelFixture camel;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        camel = CamelFixture.start(new RouteBuilder() {
            @Override
            public void configure() {
                // the Task's endpoint, keyed by the execution ARN the engine puts on every Task request; no error
                // handler, so its failures reach the caller without being logged (we time failing, not logging)
                from("direct:w5-flaky").errorHandler(noErrorHandler()).process(e -> e.getMessage().setBody(flaky(
                        e.getMessage().getHeader(AslConstants.EXECUTION_ARN, String.class),
                        e.getMessage().getBody(String.class))));
                from("direct:w5").to(Workloads.aslUri("w5", DEFINITION) + "&retryIntervalScale=0");
                // the Camel floor: Camel's redelivery re-runs the failing call, 3 times at most, at once
                from("direct:w5-camel")
                        .errorHandler(defaultErrorHandler().maximumRedeliveries(FAILURES).redeliveryDelay(0))
                        .process(e -> {
                            e.getMessage().setHeader(AslConstants.EXECUTION_ARN, e.getExchangeId());
                            e.setProperty("document", Workloads.parseObject(e.getMessage().getBody(String.class)));
                            e.getMessage().setBody(Workloads.write(e.getProperty("document", JsonNode.class)));
                        })
                        .to("direct:w5-flaky")
                        .process(e -> {
                            ObjectNode document = e.getProperty("document", ObjectNode.class);
                            document.set("result", Workloads.parse(e.getMessage().getBody(String.class)));
                            e.getMessage().setBody(Workloads.write(document));
                        });
            }
        });
        Workloads.verify("W5FlakyTask", camel, "direct:w5", INPUT, UnaryOperator.identity(),
                Map.of("camelRoute", this::camelRoute, "plainJava", this::plainJava));
        if (!calls.isEmpty()) {
            throw new IllegalStateException("W5: the flaky endpoint's counters leak: " + calls.keySet());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        camel.close();
    }

    /** The endpoint: fails calls 1 to 3 of an execution with the ASL error "Flaky", then answers. */
    String flaky(String executionKey, String request) {
        if (request == null || !request.startsWith("{")) {
            throw new IllegalArgumentException("expected a JSON object, got " + request);
        }
        int call = calls.merge(executionKey, 1, Integer::sum);
        if (call <= FAILURES) {
            throw new AslError("Flaky", "call " + call + " failed");
        }
        calls.remove(executionKey);
        return RESULT;
    }

    @Benchmark
    public String engine() {
        return camel.request("direct:w5", INPUT);
    }

    @Benchmark
    public String camelRoute() {
        return camel.request("direct:w5-camel", INPUT);
    }

    /** The floor: a retry loop around the call, the same JSON-text request and reply. */
    @Benchmark
    public String plainJava() {
        String key = "plain-" + plainExecutions.incrementAndGet();
        ObjectNode document = Workloads.parseObject(INPUT);
        for (int attempt = 0; ; attempt++) {
            try {
                document.set("result", Workloads.parse(flaky(key, Workloads.write(document))));
                return Workloads.write(document);
            } catch (AslError e) {
                if (attempt == FAILURES) {
                    throw e;
                }
            }
        }
    }
}
