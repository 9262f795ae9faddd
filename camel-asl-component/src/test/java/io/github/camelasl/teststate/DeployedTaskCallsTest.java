package io.github.camelasl.teststate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.AslDeployer;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.store.InMemoryExecutionStore;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TestState of a Task without a mock: its Resource is called through the deployer, as a run calls it. */
class DeployedTaskCallsTest {

    private DefaultCamelContext camel;
    private ScheduledExecutorService timers;
    private InMemoryExecutionStore store;
    private StateTester tester;
    private final AtomicReference<String> received = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:price").process(exchange -> {
                    String body = exchange.getMessage().getBody(String.class);
                    received.set(body);
                    int quantity = Json.parse(body).get("quantity").intValue();
                    exchange.getMessage().setBody("{\"price\": " + quantity * 3 + "}");
                });
                from("direct:broken").throwException(new IllegalStateException("the price list is gone"));
            }
        });
        camel.start();
        timers = Executors.newSingleThreadScheduledExecutor();
        store = new InMemoryExecutionStore();
        AslDeployer deployer = new AslDeployer(camel, store, new ResourceResolvers(camel, List.of()), timers);
        tester = new StateTester(new DeployedTaskCalls(deployer, StateMachineConfig.of("tests")));
    }

    @AfterEach
    void stop() throws Exception {
        timers.shutdownNow();
        camel.close();
    }

    private static ObjectNode request(String definition, String input) {
        ObjectNode request = Json.NODES.objectNode();
        request.put("definition", definition);
        request.put("input", input);
        request.put("inspectionLevel", "DEBUG");
        return request;
    }

    @Test
    void anUnmockedTaskCallsItsResourceWithTheEffectiveInput() throws Exception {
        int routesBefore = camel.getRoutes().size();

        ObjectNode response = tester.test(request("""
                {"Type": "Task", "Resource": "direct:price", "Parameters": {"quantity.$": "$.order.n"},
                 "ResultPath": "$.quote", "Next": "Charge"}""", "{\"order\": {\"n\": 4}}"));

        assertEquals("SUCCEEDED", response.get("status").textValue(), response::toString);
        assertEquals(Json.parse("{\"quantity\": 4}"), Json.parse(received.get()));
        assertEquals(Json.parse("{\"price\": 12}"), Json.parse(response.get("inspectionData").get("result")
                .textValue()));
        assertEquals(Json.parse("{\"order\": {\"n\": 4}, \"quote\": {\"price\": 12}}"),
                Json.parse(response.get("output").textValue()));
        assertEquals("Charge", response.get("nextState").textValue());
        // the one-Task machine is gone again, and it is no execution of anyone's
        assertEquals(routesBefore, camel.getRoutes().size());
        assertTrue(store.list().isEmpty());
    }

    @Test
    void theResourcesFailureGoesToTheStatesCatch() throws Exception {
        ObjectNode response = tester.test(request("""
                {"Type": "Task", "Resource": "direct:broken", "End": true,
                 "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.error", "Next": "Apologise"}]}""",
                "{}"));

        assertEquals("CAUGHT_ERROR", response.get("status").textValue(), response::toString);
        assertEquals("States.TaskFailed", response.get("error").textValue());
        assertTrue(response.get("cause").textValue().contains("the price list is gone"));
        assertEquals("Apologise", response.get("nextState").textValue());
        JsonNode output = Json.parse(response.get("output").textValue());
        assertEquals("States.TaskFailed", output.get("error").get("Error").textValue());
    }

    @Test
    void theResourcePolicyDecidesWhatAnUnmockedTaskMayCall() {
        AslError refused = assertThrows(AslError.class, () -> tester.test(request(
                "{\"Type\": \"Task\", \"Resource\": \"exec:rm\", \"End\": true}", "{}")));

        assertEquals("InvalidDefinition", refused.error());
        assertTrue(refused.cause().contains("exec:rm"), refused.cause());
        assertFalse(store.list().iterator().hasNext());
    }
}
