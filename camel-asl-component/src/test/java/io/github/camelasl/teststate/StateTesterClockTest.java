package io.github.camelasl.teststate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.VirtualClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** TestState on a given clock: its test execution's context and JSONata's $now() read it. */
class StateTesterClockTest {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private final StateTester tester = new StateTester(TaskCalls.NONE, new VirtualClock(START));

    private static ObjectNode request(String definition) {
        ObjectNode request = Json.NODES.objectNode();
        request.put("definition", definition);
        request.put("input", "{}");
        return request;
    }

    @Test
    void theContextAndJsonataNowAreTheClocks() throws Exception {
        ObjectNode response = tester.test(request("""
                {"Type": "Pass", "QueryLanguage": "JSONata", "End": true,
                 "Output": {"start": "{% $states.context.Execution.StartTime %}",
                            "entered": "{% $states.context.State.EnteredTime %}",
                            "now": "{% $now() %}", "millis": "{% $millis() %}"}}"""));

        assertEquals("SUCCEEDED", response.get("status").textValue(), response.toString());
        JsonNode output = Json.parse(response.get("output").textValue());
        assertEquals(START, Instant.parse(output.get("start").asText()));
        assertEquals(START, Instant.parse(output.get("entered").asText()));
        assertEquals(START, Instant.parse(output.get("now").asText()));
        assertEquals(START.toEpochMilli(), output.get("millis").longValue());
    }
}
