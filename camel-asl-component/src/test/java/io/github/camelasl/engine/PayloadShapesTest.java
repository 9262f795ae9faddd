package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Payload templates of every JSON type, in every field that takes one. AWS accepts and runs any JSON value as
 * Parameters, ResultSelector, ItemSelector (and Map's older Parameters) and BatchInput, objects inside an array
 * being templates too: "Parameters can use a mix of static JSON, JsonPath and intrinsic functions", typed
 * number/string/boolean/object/array/null in AWS's published language service
 * (github.com/aws/amazon-states-language-service, src/json-schema/partial/common.json $defs/parameters,
 * map_state.json ItemSelector and BatchInput); see also
 * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html.
 */
class PayloadShapesTest extends EngineTestSupport {

    private final AtomicReference<String> tenantHeader = new AtomicReference<>();

    private static final String INPUT = "{\"x\": 1, \"list\": [1, 2], \"rows\": [{\"x\": 1, \"list\": [1, 2]}]}";

    @Override
    protected void configure(CamelContext camel) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:echo").log("${body}"); // the request body, as the Task's result
                from("direct:items").setBody(constant("[1, 2]"));
                from("direct:tenant").process(e -> tenantHeader.set(e.getMessage().getHeader("tenant", String.class)))
                        .log("${body}");
            }
        });
    }

    /** A template written over {@code root} (the data's root: "$", or "$[0]" for a Parallel's or Map's result). */
    record Shape(String template, String expected) {
        String over(String root) {
            return template.replace("ROOT", root);
        }
    }

    static Stream<Shape> shapes() {
        return Stream.of(
                // objects in arrays are templates, at any depth
                new Shape("[{\"a.$\": \"ROOT.x\"}, [{\"b\": [{\"c.$\": \"ROOT.list\"}]}], \"s\", 2, null]",
                        "[{\"a\": 1}, [{\"b\": [{\"c\": [1, 2]}]}], \"s\", 2, null]"),
                new Shape("\"ROOT.x\"", "\"ROOT.x\""), // a string is literal text: only a key's .$ makes a path
                new Shape("42.5", "42.5"),
                new Shape("true", "true"),
                new Shape("null", "null"),
                new Shape("{\"o\": [{\"p.$\": \"ROOT.x\"}]}", "{\"o\": [{\"p\": 1}]}"));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void passParameters(Shape shape) throws Exception {
        assertOutput(shape.expected().replace("ROOT", "$"), """
                {"StartAt": "S", "States": {"S": {"Type": "Pass", "Parameters": %s, "End": true}}}"""
                .formatted(shape.over("$")));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void taskParametersAreTheRequest(Shape shape) throws Exception {
        assertOutput(shape.expected().replace("ROOT", "$"), """
                {"StartAt": "S", "States": {"S": {"Type": "Task", "Resource": "direct:echo", "Parameters": %s,
                  "End": true}}}""".formatted(shape.over("$")));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void taskResultSelector(Shape shape) throws Exception {
        assertOutput(shape.expected().replace("ROOT", "$"), """
                {"StartAt": "S", "States": {"S": {"Type": "Task", "Resource": "direct:echo", "ResultSelector": %s,
                  "End": true}}}""".formatted(shape.over("$")));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void parallelParametersAndResultSelector(Shape shape) throws Exception {
        String expected = shape.expected().replace("ROOT", "$");
        assertOutput("[" + expected + "]", """
                {"StartAt": "S", "States": {"S": {"Type": "Parallel", "Parameters": %s, "End": true,
                  "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}]}}}"""
                .formatted(shape.over("$")));
        assertOutput(shape.expected().replace("ROOT", "$[0]"), """
                {"StartAt": "S", "States": {"S": {"Type": "Parallel", "ResultSelector": %s, "End": true,
                  "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}]}}}"""
                .formatted(shape.over("$[0]")));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void mapItemSelectorItsOlderParametersAndResultSelector(Shape shape) throws Exception {
        String each = shape.expected().replace("ROOT", "$");
        for (String field : new String[] {"ItemSelector", "Parameters"}) {
            assertOutput("[" + each + ", " + each + "]", """
                    {"StartAt": "S", "States": {"S": {"Type": "Map", "ItemsPath": "$.list", "%s": %s, "End": true,
                      "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}}}}"""
                    .formatted(field, shape.over("$")));
        }
        assertOutput(shape.expected().replace("ROOT", "$[0]"), """
                {"StartAt": "S", "States": {"S": {"Type": "Map", "ItemsPath": "$.rows", "ResultSelector": %s,
                  "End": true, "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}}}}"""
                .formatted(shape.over("$[0]")));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void itemBatcherBatchInput(Shape shape) throws Exception {
        assertOutput("[{\"BatchInput\": " + shape.expected().replace("ROOT", "$") + ", \"Items\": [1, 2]}]", """
                {"StartAt": "S", "States": {"S": {"Type": "Map", "End": true,
                  "ItemReader": {"Resource": "direct:items", "ReaderConfig": {"InputType": "JSON"}},
                  "ItemBatcher": {"MaxItemsPerBatch": 5, "BatchInput": %s},
                  "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}}}}"""
                .formatted(shape.over("$")));
    }

    /**
     * JSONata has no .$ suffix: a key ending in .$ is a key like any other and its value is evaluated as every
     * value is ("{% %}" strings evaluated, others kept). AWS's docs: "you will not use .$ on JSON object key names"
     * (https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html); AWS's language service checks
     * .$ keys only in JSONPath Parameters and ResultSelector (src/validation/validateStates.ts validateParameters).
     */
    @ParameterizedTest
    @MethodSource("jsonataFields")
    void jsonataKeysEndingInDollarAreLiteralKeys(String field) throws Exception {
        assertOutput("{\"a.$\": 1, \"b.$\": \"$.x\", \"n\": [{\"c.$\": [1, 2]}]}", """
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Task", "Resource": "direct:echo",
                  "%s": {"a.$": "{%% $states.input.x %%}", "b.$": "$.x", "n": [{"c.$": "{%% $states.input.list %%}"}]},
                  "End": true}}}""".formatted(field));
    }

    static Stream<String> jsonataFields() {
        return Stream.of("Arguments", "Output");
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void jsonataItemSelectorOfAnyType(Shape shape) throws Exception {
        // the same shapes, JSONata's way: literals kept, "{% %}" strings evaluated
        String template = shape.over("$").replace("\"a.$\": \"$.x\"", "\"a\": \"{% $states.input.x %}\"")
                .replace("\"c.$\": \"$.list\"", "\"c\": \"{% $states.input.list %}\"")
                .replace("\"p.$\": \"$.x\"", "\"p\": \"{% $states.input.x %}\"");
        String each = shape.expected().replace("ROOT", "$");
        assertOutput("[" + each + ", " + each + "]", """
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Map",
                  "Items": "{%% $states.input.list %%}", "ItemSelector": %s, "End": true,
                  "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}}}}"""
                .formatted(template));
    }

    /** Only an object template names headers, at its top level (our rule: AWS has no headers): in an array, data. */
    @Test
    void aCamelAslHeadersObjectInsideAnArrayIsDataNotHeaders() throws Exception {
        assertOutput("[{\"CamelAslHeaders\": {\"tenant\": \"acme\"}}]", """
                {"StartAt": "S", "States": {"S": {"Type": "Task", "Resource": "direct:tenant",
                  "Parameters": [{"CamelAslHeaders": {"tenant": "acme"}}], "End": true}}}""");
        assertNull(tenantHeader.get());
    }

    private void assertOutput(String expected, String definition) throws Exception {
        ExecutionResult result = run(definition, INPUT);
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), () -> result.error() + ": " + result.cause());
        JsonNode want = json(expected);
        assertEquals(want, result.output(), definition);
    }
}
