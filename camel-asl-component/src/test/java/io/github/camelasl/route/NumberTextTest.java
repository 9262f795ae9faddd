package io.github.camelasl.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslConstants;
import io.github.camelasl.dataflow.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Numbers come out of an execution as they went in: in the reply body, the output DescribeExecution reports and
 * every history event, also when the execution waited out of memory and was read back from its store. AWS keeps
 * number text: corpus case {@code services_test_lambda_task.TestTaskLambda.test_invoke_json_values[0.0]} records
 * the input {@code 0.0} as {@code 0.0} in every event up to ExecutionSucceeded. Comparisons still go by value.
 */
class NumberTextTest {

    /** A Choice compares by value (60.0 equals 60), a Wait parks the execution, a Task adds its reply. */
    private static final String MACHINE = """
            {"StartAt": "Check", "States": {
              "Check": {"Type": "Choice", "Choices": [
                  {"Variable": "$.a", "NumericEquals": 60, "Next": "Park"}], "Default": "Wrong"},
              "Wrong": {"Type": "Fail", "Error": "ComparedByText"},
              "Park": {"Type": "Wait", "Seconds": 1, "Next": "Reply"},
              "Reply": {"Type": "Task", "Resource": "direct:reply", "ResultPath": "$.reply", "Next": "Pick"},
              "Pick": {"Type": "Pass", "Parameters": {"all.$": "$", "c.$": "$.c", "literal": 2.50}, "End": true}}}""";

    private static final String INPUT = "{\"a\":60.0,\"b\":0.0,\"c\":1e2,\"d\":-0.0,\"e\":0.0000001,\"f\":1.10,"
            + "\"g\":12345678901234567890123,\"h\":3.14159265358979323846264338327950288}";
    private static final String REPLY = "[1.0,2E+3,0.50]";
    private static final String EXPECTED = "{\"all\":" + INPUT.replace("}", ",\"reply\":" + REPLY + "}")
            + ",\"c\":1e2,\"literal\":2.50}";

    @TempDir
    Path folder;

    private CamelContext context;

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void numbersKeepTheirTextThroughOutputsHistoryAndTheStore(String store) throws Exception {
        ProducerTemplate template = start(store);

        String output = template.requestBodyAndHeader("direct:run", INPUT, AslConstants.EXECUTION_NAME, "run",
                String.class);
        assertEquals(EXPECTED, output, "the reply body");

        JsonNode sync = Json.parse(template.requestBodyAndHeader("direct:sync", INPUT, AslConstants.EXECUTION_NAME,
                "sync", String.class));
        assertEquals("SUCCEEDED", sync.get("status").asText(), sync.toString());
        assertEquals(EXPECTED, sync.get("output").asText());
        String arn = sync.get("executionArn").asText();
        JsonNode described = Json.parse(template.requestBody("direct:describe",
                "{\"executionArn\": \"" + arn + "\"}", String.class));
        assertEquals(INPUT, described.get("input").asText());
        assertEquals(EXPECTED, described.get("output").asText());

        List<String> payloads = new ArrayList<>();
        for (JsonNode event : Json.parse(template.requestBody("direct:history", "{\"executionArn\": \"" + arn
                + "\"}", String.class)).get("events")) {
            event.fields().forEachRemaining(field -> {
                if (field.getKey().endsWith("EventDetails")) {
                    for (String name : List.of("input", "output")) {
                        if (field.getValue().has(name)) {
                            payloads.add(event.get("type").asText() + " " + field.getValue().get(name).asText());
                        }
                    }
                }
            });
        }
        String withReply = INPUT.replace("}", ",\"reply\":" + REPLY + "}");
        assertEquals(List.of(
                "ExecutionStarted " + INPUT,
                "ChoiceStateEntered " + INPUT, "ChoiceStateExited " + INPUT,
                "WaitStateEntered " + INPUT, "WaitStateExited " + INPUT,
                "TaskStateEntered " + INPUT,
                "TaskSucceeded " + REPLY, "TaskStateExited " + withReply,
                "PassStateEntered " + withReply, "PassStateExited " + EXPECTED,
                "ExecutionSucceeded " + EXPECTED), payloads);
    }

    private ProducerTemplate start(String store) throws Exception {
        Path file = folder.resolve("numbers.asl.json");
        Files.writeString(file, MACHINE);
        context = StoreContexts.withStore(store, folder.resolve("store"));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // parkInMemorySeconds=0: the Wait leaves memory, and the execution is read back from its store
                String machine = "asl:numbers?definition=file:" + file + "&parkInMemorySeconds=0";
                from("direct:run").to(machine);
                from("direct:sync").to(machine + "&operation=startSyncExecution");
                from("direct:describe").to("asl:numbers?operation=describeExecution");
                from("direct:history").to("asl:numbers?operation=getExecutionHistory");
                from("direct:reply").setBody(constant(REPLY));
            }
        });
        context.start();
        return context.createProducerTemplate();
    }
}
