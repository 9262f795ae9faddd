package io.github.camelasl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslConstants;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

/** The asl: endpoint end to end: Tasks on direct: endpoints, Retry, Choice, Catch, Fail. */
class AslEndpointTest extends CamelTestSupport {

    private final AtomicInteger loadCalls = new AtomicInteger();
    private volatile int rows = 150;
    private volatile boolean diverge;

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:start").to("asl:pipeline?definition=classpath:machines/task-retry-catch.asl.json");
                from("direct:load").process(e -> {
                    if (loadCalls.incrementAndGet() < 3) {
                        throw new IllegalStateException("database busy");
                    }
                    JsonNode in = Json.parse(e.getMessage().getBody(String.class));
                    e.getMessage().setBody("{\"rows\": " + rows + ", \"ignored\": true, \"attempt\": "
                            + in.get("attempt") + "}");
                });
                from("direct:train").process(e -> {
                    if (diverge) {
                        throw new AslError("ModelDiverged", "loss is NaN");
                    }
                    e.getMessage().setBody(java.util.Map.of("accuracy", 0.93));
                });
            }
        };
    }

    @Test
    void retriesThenRunsTheTaskChainToTheEnd() throws Exception {
        Exchange reply = template.request("direct:start", e -> e.getMessage().setBody("{\"dataset\":\"s3://x\"}"));
        JsonNode out = Json.parse(reply.getMessage().getBody(String.class));
        assertEquals(3, loadCalls.get(), "two failures retried, the third call succeeds");
        assertEquals(150, out.at("/load/rows").intValue());
        assertTrue(out.at("/load/ignored").isMissingNode(), "ResultSelector keeps only rows");
        assertEquals(0.93, out.at("/model/accuracy").doubleValue());
        assertEquals("s3://x", out.at("/dataset").textValue());
        assertEquals("SUCCEEDED", reply.getMessage().getHeader(AslConstants.EXECUTION_STATUS));
        assertTrue(reply.getMessage().getHeader(AslConstants.EXECUTION_ARN, String.class)
                .startsWith("arn:aws:states:us-east-1:123456789012:execution:pipeline:"));
    }

    @Test
    void catchRoutesATaskErrorToItsNext() throws Exception {
        loadCalls.set(10);
        diverge = true;
        String out = template.requestBody("direct:start", "{\"dataset\":\"d\"}", String.class);
        JsonNode json = Json.parse(out);
        assertEquals("ModelDiverged", json.at("/failure/Error").textValue());
        assertEquals("loss is NaN", json.at("/failure/Cause").textValue());
        assertEquals("notified", json.at("/notification").textValue());
    }

    @Test
    void aFailStateRaisesTheTypedErrorWithNameAndCause() {
        loadCalls.set(10);
        rows = 5;
        CamelExecutionException thrown = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("direct:start", "{\"dataset\":\"d\"}", String.class));
        AslError error = assertInstanceOf(AslError.class, thrown.getCause());
        assertEquals("DataTooSmall", error.error());
        assertEquals("fewer than 100 rows", error.cause());
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWithAClearError() {
        CamelExecutionException thrown = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("direct:start", "not json", String.class));
        AslError error = assertInstanceOf(AslError.class, thrown.getCause());
        assertEquals("InvalidExecutionInput", error.error());
        assertTrue(error.cause().contains("not JSON"), error.cause());
    }
}
