package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** The JSONata dialect: Arguments, $states.result, Output, Assign, Catch's errorOutput, Map Items. */
class JsonataStatesTest extends EngineTestSupport {

    @Override
    protected void configure(CamelContext camel) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:double").process(e -> {
                    JsonNode in = Json.parse(e.getMessage().getBody(String.class));
                    if (in.get("n").intValue() < 0) {
                        throw new AslError("NegativeInput", "n must not be negative");
                    }
                    e.getMessage().setBody("{\"doubled\": " + in.get("n").intValue() * 2 + "}");
                });
            }
        });
    }

    @Test
    void taskArgumentsResultOutputAndAssign() throws Exception {
        ExecutionResult result = run("""
                {"QueryLanguage": "JSONata", "StartAt": "Double", "States": {
                  "Double": {"Type": "Task", "Resource": "direct:double",
                    "Arguments": {"n": "{% $states.input.value + 1 %}"},
                    "Assign": {"previous": "{% $states.input.value %}"},
                    "Output": {"result": "{% $states.result.doubled %}", "name": "{% $states.context.State.Name %}"},
                    "Next": "Show"},
                  "Show": {"Type": "Pass", "Output": "{% $merge([$states.input, {'previous': $previous}]) %}",
                    "End": true}}}""", "{\"value\": 20}");
        assertEquals(json("{\"result\": 42, \"name\": \"Double\", \"previous\": 20}"), result.output());
    }

    @Test
    void catchOutputAndAssignReadTheErrorOutput() throws Exception {
        ExecutionResult result = run("""
                {"QueryLanguage": "JSONata", "StartAt": "Double", "States": {
                  "Double": {"Type": "Task", "Resource": "direct:double", "Arguments": {"n": -1},
                    "Catch": [{"ErrorEquals": ["NegativeInput"], "Assign": {"why": "{% $states.errorOutput.Cause %}"},
                               "Output": {"failed": "{% $states.errorOutput.Error %}"}, "Next": "Report"}],
                    "End": true},
                  "Report": {"Type": "Pass", "Output": {"failed": "{% $states.input.failed %}", "why": "{% $why %}"},
                    "End": true}}}""", "{}");
        assertEquals(json("{\"failed\": \"NegativeInput\", \"why\": \"n must not be negative\"}"), result.output());
    }

    @Test
    void mapItemsAndItemSelectorWithTheMapItemContext() throws Exception {
        ExecutionResult result = run("""
                {"QueryLanguage": "JSONata", "StartAt": "Each", "States": {
                  "Each": {"Type": "Map", "Items": "{% $states.input.words %}",
                    "ItemSelector": {"word": "{% $states.context.Map.Item.Value %}",
                                     "at": "{% $states.context.Map.Item.Index %}"},
                    "ItemProcessor": {"StartAt": "Upper", "States": {"Upper": {"Type": "Pass",
                      "Output": "{% $uppercase($states.input.word) & $string($states.input.at) %}", "End": true}}},
                    "End": true}}}""", "{\"words\": [\"a\", \"b\"]}");
        assertEquals(json("[\"A0\", \"B1\"]"), result.output());
    }

    @Test
    void aJsonPathMachineMayHoldAJsonataState() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "Path", "States": {
                  "Path": {"Type": "Pass", "Parameters": {"x.$": "$.a"}, "Next": "Ata"},
                  "Ata": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $states.input.x * 2 %}",
                    "End": true}}}""", "{\"a\": 4}");
        assertEquals(json("8"), result.output());
    }

    @Test
    void anExpressionThatGivesNothingIsAQueryEvaluationError() throws Exception {
        ExecutionResult result = run("""
                {"QueryLanguage": "JSONata", "StartAt": "E", "States": {
                  "E": {"Type": "Pass", "Output": {"v": "{% $states.input.missing %}"}, "End": true}}}""", "{}");
        assertEquals("States.QueryEvaluationError", result.error());
        assertEquals("An error occurred while executing the state 'E' (entered at the event id #2). The JSONata "
                + "expression '$states.input.missing' specified for the field 'Output/v' returned nothing (undefined).",
                result.cause());
    }
}
