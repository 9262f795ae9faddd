package io.github.camelasl.nested;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslComponent;
import io.github.camelasl.AslConstants;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step Functions calling Step Functions in one application: {@code states:startExecution} (request-response,
 * {@code .sync}, {@code .sync:2}, {@code .waitForTaskToken}) and the {@code aws-sdk:sfn} actions run the child as a
 * real execution of the machine deployed here (listed, described, redrivable, its own {@code $$.Execution}), with
 * AWS's result shapes and errors.
 */
class NestedExecutionsTest {

    private static final String ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:";
    private static final String CHILD = """
            {"StartAt": "Echo", "States": {"Echo": {"Type": "Pass",
              "Parameters": {"got.$": "$", "myId.$": "$$.Execution.Id"}, "End": true}}}""";
    private static final String FAILING = """
            {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "SomeFailure", "Cause": "it failed"}}}""";
    private static final String SLOW = """
            {"StartAt": "Nap", "TimeoutSeconds": 1, "States": {"Nap": {"Type": "Wait", "Seconds": 30, "End": true}}}""";
    private static final String NAPPING = """
            {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": %d, "Next": "Done"},
              "Done": {"Type": "Pass", "Result": {"slept": true}, "End": true}}}""";
    private static final String ANSWERING = """
            {"StartAt": "Answer", "States": {"Answer": {"Type": "Task",
              "Resource": "arn:aws:states:::aws-sdk:sfn:sendTaskSuccess",
              "Parameters": {"TaskToken.$": "$.token", "Output": "{\\"approved\\": true}"}, "End": true}}}""";
    private static final String LOOPER = """
            {"StartAt": "Again", "States": {"Again": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution",
              "Parameters": {"StateMachineArn": "%slooper"}, "End": true}}}""".formatted(ARN);

    @TempDir
    Path folder;

    @Test
    void syncAnswersWithTheChildsDescribeExecution() throws Exception {
        try (CamelContext app = app("memory", Map.of("child", CHILD, "parent", parent(
                "arn:aws:states:::states:startExecution.sync", "{\"StateMachineArn\": \"" + ARN + "child\", "
                        + "\"Name\": \"kid\", \"Input\": {\"order\": 1, "
                        + "\"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$\": \"$$.Execution.Id\"}}")))) {
            Exchange run = app.createProducerTemplate().request("direct:parent", e -> e.getMessage().setBody("{}"));
            String parentArn = run.getMessage().getHeader(AslConstants.EXECUTION_ARN, String.class);
            JsonNode out = Json.parse(run.getMessage().getBody(String.class));
            String childArn = "arn:aws:states:us-east-1:123456789012:execution:child:kid";
            assertEquals(childArn, out.get("ExecutionArn").asText());
            assertEquals("SUCCEEDED", out.get("Status").asText());
            assertEquals(ARN + "child", out.get("StateMachineArn").asText());
            assertEquals("kid", out.get("Name").asText());
            assertTrue(out.get("Input").isTextual(), ".sync gives the input as JSON text: " + out);
            assertEquals(Json.parse("{\"order\": 1, \"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID\": \"" + parentArn
                    + "\"}"), Json.parse(out.get("Input").asText()), "the parent link is passed through");
            JsonNode childOutput = Json.parse(out.get("Output").asText());
            assertEquals(childArn, childOutput.get("myId").asText(), "the child has its own $$.Execution");
            assertNotEquals(parentArn, childArn);
            assertTrue(out.get("StartDate").isNumber() && out.get("StopDate").isNumber(), out.toString());
            assertEquals(0, out.get("RedriveCount").asInt());
            assertEquals("NOT_REDRIVABLE", out.get("RedriveStatus").asText());
            assertEquals("Execution is SUCCEEDED and cannot be redriven", out.get("RedriveStatusReason").asText());
            assertEquals(true, out.get("InputDetails").get("Included").asBoolean());

            JsonNode listed = call(app, "direct:list-child", "{}");
            assertEquals(childArn, listed.get("executions").get(0).get("executionArn").asText(), "a real execution");
        }
    }

    @Test
    void sync2ParsesTheChildsInputAndOutput() throws Exception {
        try (CamelContext app = app("memory", Map.of("child", CHILD, "parent", parent(
                "arn:aws:states:::states:startExecution.sync:2", "{\"StateMachineArn\": \"" + ARN + "child\", "
                        + "\"Input\": \"{\\\"text\\\": true}\"}")))) {
            JsonNode out = call(app, "direct:parent", "{}");
            assertEquals(Json.parse("{\"text\": true}"), out.get("Input"), "JSON text as the Input is parsed");
            assertEquals(Json.parse("{\"text\": true}"), out.get("Output").get("got"));
        }
    }

    @Test
    void requestResponseAnswersAtOnceWithTheSdkV1Metadata() throws Exception {
        try (CamelContext app = app("memory", Map.of("child", String.format(NAPPING, 1), "parent", parent(
                "arn:aws:states:::states:startExecution", "{\"StateMachineArn\": \"" + ARN + "child\", "
                        + "\"Name\": \"later\", \"Input\": null}")))) {
            JsonNode out = call(app, "direct:parent", "{}");
            String childArn = "arn:aws:states:us-east-1:123456789012:execution:child:later";
            assertEquals(childArn, out.get("ExecutionArn").asText());
            assertTrue(out.get("StartDate").isNumber(), out.toString());
            assertEquals(200, out.get("SdkHttpMetadata").get("HttpStatusCode").asInt());
            assertEquals(out.get("SdkResponseMetadata").get("RequestId"),
                    out.get("SdkHttpMetadata").get("HttpHeaders").get("x-amzn-RequestId"));
            assertEquals("application/x-amz-json-1.0",
                    out.get("SdkHttpMetadata").get("AllHttpHeaders").get("Content-Type").get(0).asText());
            JsonNode child = awaitEnd(app, childArn);
            assertEquals("SUCCEEDED", child.get("status").asText());
            assertEquals("{}", child.get("input").asText(), "a null Input is {}");
        }
    }

    @Test
    void aFailedChildFailsTheTaskWithItsDescribeExecutionAsTheCause() throws Exception {
        try (CamelContext app = app("memory", Map.of("failing", FAILING, "parent", parent(
                "arn:aws:states:::states:startExecution.sync", "{\"StateMachineArn\": \"" + ARN + "failing\", "
                        + "\"Name\": \"doomed\"}")))) {
            AslError error = failure(app, "direct:parent");
            assertEquals("States.TaskFailed", error.error());
            JsonNode cause = Json.parse(error.cause());
            assertEquals("FAILED", cause.get("Status").asText());
            assertEquals("SomeFailure", cause.get("Error").asText());
            assertEquals("it failed", cause.get("Cause").asText());
            assertEquals("{}", cause.get("Input").asText());
            assertFalse(cause.has("Output"), cause.toString());
            assertEquals("REDRIVABLE", cause.get("RedriveStatus").asText());
            JsonNode child = call(app, "direct:describe-failing", "{\"executionArn\": \""
                    + "arn:aws:states:us-east-1:123456789012:execution:failing:doomed\"}");
            assertEquals("REDRIVABLE", child.get("redriveStatus").asText(), "the child can be redriven");
        }
    }

    @Test
    void aTimedOutChildFailsTheTask() throws Exception {
        try (CamelContext app = app("memory", Map.of("slow", SLOW, "parent", parent(
                "arn:aws:states:::states:startExecution.sync", "{\"StateMachineArn\": \"" + ARN + "slow\"}")))) {
            AslError error = failure(app, "direct:parent");
            assertEquals("States.TaskFailed", error.error());
            assertEquals("TIMED_OUT", Json.parse(error.cause()).get("Status").asText());
        }
    }

    @Test
    void theParentsTaskTimingOutStopsTheChild() throws Exception {
        try (CamelContext app = app("memory", Map.of("child", String.format(NAPPING, 30), "parent", parent(
                "arn:aws:states:::states:startExecution.sync", "{\"StateMachineArn\": \"" + ARN + "child\", "
                        + "\"Name\": \"abandoned\"}", "\"TimeoutSeconds\": 1,")))) {
            assertEquals("States.Timeout", failure(app, "direct:parent").error());
            JsonNode child = awaitEnd(app, "arn:aws:states:us-east-1:123456789012:execution:child:abandoned");
            assertEquals("ABORTED", child.get("status").asText(), "AWS stops the child of a Task that timed out");
        }
    }

    @Test
    void aMachineNotDeployedHereFailsAsOnAws() throws Exception {
        try (CamelContext app = app("memory", Map.of("parent", parent("arn:aws:states:::states:startExecution",
                "{\"StateMachineArn\": \"" + ARN + "nowhere\"}"), "sdkparent", parent(
                "arn:aws:states:::aws-sdk:sfn:startExecution", "{\"StateMachineArn\": \"" + ARN + "nowhere\"}")))) {
            AslError optimized = failure(app, "direct:parent");
            assertEquals("StepFunctions.StateMachineDoesNotExistException", optimized.error());
            assertTrue(optimized.cause().matches("State Machine Does Not Exist: '" + ARN.replace("|", "")
                    + "nowhere' \\(Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist; "
                    + "Request ID: [0-9a-f-]{36}; Proxy: null\\)"), optimized.cause());
            AslError sdk = failure(app, "direct:sdkparent");
            assertEquals("Sfn.StateMachineDoesNotExistException", sdk.error());
            assertTrue(sdk.cause().endsWith("(SDK Attempt Count: 1)"), sdk.cause());
        }
    }

    @Test
    void theSdkIntegrationAnswersInV2Shapes() throws Exception {
        try (CamelContext app = app("memory", Map.of("child", CHILD, "parent", parent(
                "arn:aws:states:::aws-sdk:sfn:startExecution", "{\"StateMachineArn\": \"" + ARN + "child\", "
                        + "\"Name\": \"v2\", \"Input\": {\"a\": 1}}"), "badtoken", parent(
                "arn:aws:states:::aws-sdk:sfn:sendTaskFailure", "{\"TaskToken\": \"NoSuchTaskToken\"}"),
                "describer", parent("arn:aws:states:::aws-sdk:sfn:describeExecution", "{\"ExecutionArn.$\": "
                        + "\"$.arn\"}")))) {
            JsonNode out = call(app, "direct:parent", "{}");
            assertEquals(2, out.size(), "ExecutionArn and StartDate, no metadata: " + out);
            assertTrue(out.get("StartDate").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), out.toString());
            awaitEnd(app, out.get("ExecutionArn").asText());
            JsonNode described = call(app, "direct:describer", "{\"arn\": \"" + out.get("ExecutionArn").asText()
                    + "\"}");
            assertEquals("SUCCEEDED", described.get("Status").asText());
            assertEquals("{\"a\":1}", described.get("Input").asText(), "an object Input goes as compact JSON text");
            AslError invalid = failure(app, "direct:badtoken");
            assertEquals("Sfn.InvalidTokenException", invalid.error());
            assertTrue(invalid.cause().startsWith("Invalid Token: 'Invalid token' (Service: Sfn, Status Code: 400, "
                    + "Request ID: "), invalid.cause());
        }
    }

    @Test
    void waitForTaskTokenEndsWithWhatTheChildSends() throws Exception {
        try (CamelContext app = app("memory", Map.of("answering", ANSWERING, "parent", parent(
                "arn:aws:states:::states:startExecution.waitForTaskToken", "{\"StateMachineArn\": \"" + ARN
                        + "answering\", \"Input\": {\"token.$\": \"$$.Task.Token\"}}", "\"TimeoutSeconds\": 10,")))) {
            assertEquals(Json.parse("{\"approved\": true}"), call(app, "direct:parent", "{}"));
        }
    }

    @Test
    void anExpressChildRunsToItsEndForSyncAndStartSyncExecution() throws Exception {
        try (CamelContext app = app("memory", Map.of("expresschild", CHILD, "parent", parent(
                "arn:aws:states:::states:startExecution.sync:2", "{\"StateMachineArn\": \"" + ARN + "expresschild\", "
                        + "\"Input\": {\"fast\": true}}"), "syncparent", parent(
                "arn:aws:states:::aws-sdk:sfn:startSyncExecution", "{\"StateMachineArn\": \"" + ARN
                        + "expresschild\", \"Name\": \"quick\"}"), "standardsync", parent(
                "arn:aws:states:::aws-sdk:sfn:startSyncExecution", "{\"StateMachineArn\": \"" + ARN + "parent\"}")))) {
            JsonNode out = call(app, "direct:parent", "{}");
            assertEquals("SUCCEEDED", out.get("Status").asText(), out.toString());
            assertTrue(out.get("ExecutionArn").asText().contains(":express:expresschild:"), out.toString());
            assertEquals(out.get("ExecutionArn"), out.get("Output").get("myId"));

            JsonNode synced = call(app, "direct:syncparent", "{}");
            assertEquals("SUCCEEDED", synced.get("Status").asText(), synced.toString());
            assertEquals("quick", synced.get("Name").asText());
            assertEquals(Json.parse("{}"), Json.parse(synced.get("Output").asText()).get("got"));
            assertEquals("Sfn.StateMachineTypeNotSupportedException", failure(app, "direct:standardsync").error(),
                    "StartSyncExecution runs EXPRESS machines only");
        }
    }

    @Test
    void theSdkIntegrationStopsAChild() throws Exception {
        try (CamelContext app = app("memory", Map.of("child", String.format(NAPPING, 30), "starter", parent(
                "arn:aws:states:::aws-sdk:sfn:startExecution", "{\"StateMachineArn\": \"" + ARN + "child\", "
                        + "\"Name\": \"stopped\"}"), "stopper", parent("arn:aws:states:::aws-sdk:sfn:stopExecution",
                "{\"ExecutionArn.$\": \"$.ExecutionArn\", \"Error\": \"Enough\", \"Cause\": \"a test\"}")))) {
            JsonNode started = call(app, "direct:starter", "{}");
            JsonNode stopped = call(app, "direct:stopper", Json.write(started));
            assertTrue(stopped.get("StopDate").isTextual(), stopped.toString());
            JsonNode child = awaitEnd(app, started.get("ExecutionArn").asText());
            assertEquals("ABORTED", child.get("status").asText());
            assertEquals("Enough", child.get("error").asText());
        }
    }

    @Test
    void aSyncTaskAnsweredByItsTokenEndsAndLeavesTheChildRunning() throws Exception {
        String answerThenNap = """
                {"StartAt": "Answer", "States": {"Answer": {"Type": "Task",
                  "Resource": "arn:aws:states:::aws-sdk:sfn:sendTaskSuccess",
                  "Parameters": {"TaskToken.$": "$.token", "Output": "\\"early\\""}, "ResultPath": null,
                  "Next": "Nap"},
                  "Nap": {"Type": "Wait", "Seconds": 1, "End": true}}}""";
        try (CamelContext app = app("memory", Map.of("child", answerThenNap, "parent", parent(
                "arn:aws:states:::states:startExecution.sync", "{\"StateMachineArn\": \"" + ARN + "child\", "
                        + "\"Name\": \"goes-on\", \"Input\": {\"token.$\": \"$$.Task.Token\"}}")))) {
            assertEquals(Json.parse("\"early\""), call(app, "direct:parent", "{}"), "the token's output");
            JsonNode child = awaitEnd(app, "arn:aws:states:us-east-1:123456789012:execution:child:goes-on");
            assertEquals("SUCCEEDED", child.get("status").asText(), "AWS leaves the child running");
        }
    }

    @Test
    void aMachineStartingItselfIsStoppedAtTheDepthLimit() throws Exception {
        try (CamelContext app = app("memory", Map.of("looper", LOOPER))) {
            call(app, "direct:looper", "{}");
            JsonNode failed = null;
            for (int i = 0; i < 1000 && failed == null; i++) {
                JsonNode page = call(app, "direct:list-looper", "{\"statusFilter\": \"FAILED\"}");
                failed = page.get("executions").isEmpty() ? null : page.get("executions").get(0);
                Thread.sleep(20);
            }
            assertTrue(failed != null, "the chain ends");
            JsonNode described = call(app, "direct:describe-looper", "{\"executionArn\": \""
                    + failed.get("executionArn").asText() + "\"}");
            assertEquals("StepFunctions.ExecutionLimitExceededException", described.get("error").asText());
            assertEquals(ChildExecutions.MAX_DEPTH + 1, call(app, "direct:list-looper", "{\"maxResults\": 1000}")
                    .get("executions").size(), "the first execution and MAX_DEPTH started by Tasks");
        }
    }

    @Test
    void aDurableParentFollowsTheSameChildAfterARestart() throws Exception {
        Map<String, String> machines = Map.of("child", String.format(NAPPING, 2), "parent", parent(
                "arn:aws:states:::states:startExecution.sync:2", "{\"StateMachineArn\": \"" + ARN + "child\", "
                        + "\"Name\": \"once\"}"));
        String parentArn;
        try (CamelContext app = app("sqlite", machines)) {
            parentArn = call(app, "direct:start-parent", "{}").get("executionArn").asText();
            for (int i = 0; i < 500 && !history(app, parentArn).toString().contains("TaskSubmitted"); i++) {
                Thread.sleep(20);
            }
        }
        try (CamelContext app = app("sqlite", machines)) {
            JsonNode parent = awaitEnd(app, parentArn, "direct:describe-parent");
            assertEquals("SUCCEEDED", parent.get("status").asText(), parent.toString());
            JsonNode out = Json.parse(parent.get("output").asText());
            assertEquals(Json.parse("{\"slept\": true}"), out.get("Output"));
            assertEquals(1, call(app, "direct:list-child", "{}").get("executions").size(), "no second child");
        }
    }

    // --- helpers ---

    private static String parent(String resource, String parameters) {
        return parent(resource, parameters, "");
    }

    private static String parent(String resource, String parameters, String more) {
        return "{\"StartAt\": \"Call\", \"States\": {\"Call\": {\"Type\": \"Task\", \"Resource\": \"" + resource
                + "\", " + more + " \"Parameters\": " + parameters + ", \"End\": true}}}";
    }

    /** Each machine deployed by an asl: endpoint, with direct: routes to run, start, describe and list it. */
    private CamelContext app(String store, Map<String, String> machines) throws Exception {
        Map<String, Path> files = new LinkedHashMap<>();
        for (Map.Entry<String, String> machine : machines.entrySet()) {
            Path file = folder.resolve(machine.getKey() + ".asl.json");
            Files.writeString(file, machine.getValue());
            files.put(machine.getKey(), file);
        }
        CamelContext context = new DefaultCamelContext();
        AslComponent asl = new AslComponent();
        asl.setStore(store);
        asl.setStoreFolder(folder.resolve("store").toString());
        context.addComponent("asl", asl);
        context.getShutdownStrategy().setTimeout(2);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                files.forEach((name, file) -> {
                    // a machine named express* is an EXPRESS one
                    String type = name.startsWith("express") ? "&type=EXPRESS" : "";
                    from("direct:" + name).to("asl:" + name + "?definition=file:" + file + type);
                    from("direct:start-" + name).to("asl:" + name + "?definition=file:" + file + type
                            + "&operation=startExecution");
                    from("direct:describe-" + name).to("asl:" + name + "?operation=describeExecution");
                    from("direct:list-" + name).to("asl:" + name + "?operation=listExecutions");
                    from("direct:history-" + name).to("asl:" + name + "?operation=getExecutionHistory");
                });
            }
        });
        context.start();
        return context;
    }

    private static JsonNode call(CamelContext app, String uri, String body) throws Exception {
        return Json.parse(app.createProducerTemplate().requestBody(uri, body, String.class));
    }

    private static AslError failure(CamelContext app, String uri) {
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> app.createProducerTemplate().requestBody(uri, "{}", String.class));
        return (AslError) e.getCause();
    }

    private static JsonNode history(CamelContext app, String arn) throws Exception {
        return call(app, "direct:history-parent", "{\"executionArn\": \"" + arn + "\"}");
    }

    private static JsonNode awaitEnd(CamelContext app, String executionArn) throws Exception {
        String machine = executionArn.split(":")[6];
        return awaitEnd(app, executionArn, "direct:describe-" + machine);
    }

    private static JsonNode awaitEnd(CamelContext app, String executionArn, String describe) throws Exception {
        JsonNode described = null;
        for (int i = 0; i < 500; i++) {
            described = call(app, describe, "{\"executionArn\": \"" + executionArn + "\"}");
            if (!"RUNNING".equals(described.get("status").asText())) {
                return described;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(executionArn + " did not end: " + described);
    }
}
