package io.github.camelasl.teststate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.AslDeployer;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.ExecutionResult;
import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.store.InMemoryExecutionStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TestState answers what a run computes: each end state here runs as a one-state execution and through TestState
 * (its Task unmocked, through the same deployer), and the output, or the error and cause, are the same.
 */
class TestStateParityTest {

    private static final String INPUT = """
            {"order": {"id": 7, "lines": [{"sku": "a", "n": 2}, {"sku": "b", "n": 1}]}, "tag": "t"}""";

    private static DefaultCamelContext camel;
    private static ScheduledExecutorService timers;
    private static AslDeployer deployer;
    private static StateTester tester;

    @BeforeAll
    static void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:refuse").throwException(new IllegalArgumentException("no such order"));
                from("direct:echo").process(e -> e.getMessage().setBody("{\"got\": "
                        + e.getMessage().getBody(String.class) + ", \"ok\": true}"));
            }
        });
        camel.start();
        timers = Executors.newSingleThreadScheduledExecutor();
        deployer = new AslDeployer(camel, new InMemoryExecutionStore(), new ResourceResolvers(camel, List.of()),
                timers);
        tester = new StateTester(new DeployedTaskCalls(deployer, StateMachineConfig.of("parity")));
    }

    @AfterAll
    static void stop() throws Exception {
        timers.shutdownNow();
        camel.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        """
        {"Type": "Pass", "InputPath": "$.order", "Parameters": {"first.$": "$.lines[0]", "count.$":
         "States.ArrayLength($.lines)"}, "ResultPath": "$.summary", "OutputPath": "$.summary", "End": true}""",
        """
        {"Type": "Pass", "Result": {"fixed": [1, 2]}, "ResultPath": null, "End": true}""",
        """
        {"Type": "Pass", "QueryLanguage": "JSONata", "Output": {"skus": "{% $states.input.order.lines.sku %}",
         "total": "{% $sum($states.input.order.lines.n) %}"}, "End": true}""",
        """
        {"Type": "Task", "Resource": "direct:echo", "Parameters": {"id.$": "$.order.id", "tag.$": "$.tag"},
         "ResultSelector": {"echoed.$": "$.got", "ok.$": "$.ok"}, "ResultPath": "$.call", "OutputPath": "$.call",
         "End": true}""",
        """
        {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "direct:echo",
         "Arguments": {"n": "{% $count($states.input.order.lines) %}"},
         "Output": {"result": "{% $states.result.got %}"}, "End": true}""",
        """
        {"Type": "Pass", "InputPath": "$.nowhere", "End": true}""",
        """
        {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $states.input.order.missing %}", "End": true}""",
        """
        {"Type": "Fail", "ErrorPath": "$.tag", "CausePath": "States.Format('order {}', $.order.id)"}""",
        """
        {"Type": "Succeed", "InputPath": "$.order.lines[1]"}""",
        """
        {"Type": "Wait", "Seconds": 0, "OutputPath": "$.tag", "End": true}"""
    })
    void testStateAnswersWhatARunComputes(String state) throws Exception {
        ObjectNode machine = Json.NODES.objectNode();
        machine.put("StartAt", StateTester.SINGLE_STATE_NAME);
        machine.putObject("States").set(StateTester.SINGLE_STATE_NAME, Json.parse(state));
        ExecutionResult run = deployer.deploy("parity", Json.write(machine), StateMachineConfig.of("parity"))
                .start(Json.parse(INPUT), null, Map.of(), List.of()).get(30, TimeUnit.SECONDS);

        ObjectNode request = Json.NODES.objectNode();
        request.put("definition", state);
        request.put("input", INPUT);
        ObjectNode tested = tester.test(request);

        if (run.succeeded()) {
            assertEquals("SUCCEEDED", tested.get("status").textValue(), tested::toString);
            assertEquals(run.output(), Json.parse(tested.get("output").textValue()));
        } else {
            assertEquals("FAILED", tested.get("status").textValue(), tested::toString);
            assertEquals(run.error(), tested.get("error").textValue());
            assertEquals(run.cause(), text(tested.get("cause")));
        }
    }

    @Test
    void aCaughtErrorsOutputIsWhatTheCatchsNextStateReceives() throws Exception {
        String machine = """
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "direct:refuse", "Next": "Done",
                    "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.failure", "Next": "Recover"}]},
                  "Recover": {"Type": "Pass", "End": true}, "Done": {"Type": "Succeed"}}}""";
        ExecutionResult run = deployer.deploy("parity", machine, StateMachineConfig.of("parity"))
                .start(Json.parse(INPUT), null, Map.of(), List.of()).get(30, TimeUnit.SECONDS);

        ObjectNode request = Json.NODES.objectNode();
        request.put("definition", machine);
        request.put("stateName", "Call");
        request.put("input", INPUT);
        ObjectNode tested = tester.test(request);

        assertEquals("CAUGHT_ERROR", tested.get("status").textValue(), tested::toString);
        assertEquals("Recover", tested.get("nextState").textValue());
        assertEquals(run.output(), Json.parse(tested.get("output").textValue()));
    }

    private static String text(JsonNode value) {
        return value == null ? null : value.textValue();
    }
}
