package io.github.camelasl.aws.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.aws.testing.ElasticMq;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** sqs:sendMessage Tasks, run through the asl: endpoint against ElasticMQ and checked with the SDK. */
class SendMessageTest {

    private static final AtomicInteger MACHINES = new AtomicInteger();

    private static ElasticMq sqs;
    private static CamelContext camel;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() throws Exception {
        sqs = new ElasticMq();
        camel = new DefaultCamelContext();
        SqsConfiguration config = camel.getComponent("asl-aws-sqs", SqsComponent.class).getConfiguration();
        config.setRegion(ElasticMq.REGION);
        config.setUriEndpointOverride(sqs.endpoint().toString());
        config.setAccessKey(ElasticMq.ACCESS_KEY);
        config.setSecretKey(ElasticMq.SECRET_KEY);
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        if (sqs != null) {
            sqs.close();
        }
    }

    @Test
    void sendsTheBodyAndAttributesAndAnswersWithAwsResultShape() throws Exception {
        String queueUrl = sqs.createQueue("orders");
        JsonNode output = run("""
                {"StartAt": "Send", "States": {"Send": {
                  "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                  "Parameters": {
                    "QueueUrl.$": "$.queueUrl",
                    "MessageBody.$": "$.order",
                    "DelaySeconds": 0,
                    "MessageAttributes": {
                      "kind": {"DataType": "String", "StringValue.$": "$.kind"},
                      "count": {"DataType": "Number", "StringValue": "3"}
                    }
                  },
                  "End": true}}}""",
                "{\"queueUrl\": \"" + queueUrl + "\", \"kind\": \"retail\", \"order\": {\"id\": 42, \"items\": [\"a\"]}}");

        Message received = receiveOne(queueUrl);
        // a JSON MessageBody is sent as its JSON text, as AWS does
        assertEquals("{\"id\":42,\"items\":[\"a\"]}", received.body());
        assertEquals("retail", received.messageAttributes().get("kind").stringValue());
        assertEquals("Number", received.messageAttributes().get("count").dataType());
        assertEquals("3", received.messageAttributes().get("count").stringValue());

        assertEquals(received.messageId(), output.path("MessageId").asText());
        assertEquals(md5(received.body()), output.path("MD5OfMessageBody").asText());
        assertEquals(32, output.path("MD5OfMessageAttributes").asText().length(), output.toString());
        assertEquals(200, output.path("SdkHttpMetadata").path("HttpStatusCode").asInt(), output.toString());
        assertTrue(output.path("SdkHttpMetadata").path("AllHttpHeaders").path("Content-Length").isArray(),
                output.toString());
        assertTrue(output.path("SdkHttpMetadata").path("HttpHeaders").path("Content-Length").isTextual(),
                output.toString());
        assertTrue(output.path("SdkResponseMetadata").has("RequestId"), output.toString());
        assertEquals(List.of("MD5OfMessageAttributes", "MD5OfMessageBody", "MessageId", "SdkHttpMetadata",
                "SdkResponseMetadata"), fieldNames(output));
    }

    @Test
    void waitForTaskTokenSendsTheTokenAndWaitsForTheWorkersAnswer() throws Exception {
        String queueUrl = sqs.createQueue("approvals");
        String name = "machine" + MACHINES.incrementAndGet();
        camel.getRegistry().bind(name, """
                {"StartAt": "Ask", "States": {"Ask": {
                  "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                  "Parameters": {"QueueUrl.$": "$.queueUrl",
                                 "MessageBody": {"order.$": "$.order", "token.$": "$$.Task.Token"}},
                  "ResultPath": "$.approval", "End": true}}}""");
        var reply = template.asyncRequestBody("asl:" + name + "?definition=ref:" + name,
                "{\"queueUrl\": \"" + queueUrl + "\", \"order\": 5}", String.class);

        // the worker: reads the message from the queue, answers with the token it carries
        JsonNode message = Json.parse(receiveOne(queueUrl).body());
        assertEquals(5, message.path("order").asInt());
        assertTrue(!reply.isDone(), "the Task waits for the worker");
        template.requestBody("asl:any?operation=sendTaskSuccess", "{\"taskToken\": \""
                + message.path("token").asText() + "\", \"output\": \"{\\\"approved\\\": true}\"}",
                String.class);
        JsonNode output = Json.parse(reply.get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals("{\"approved\":true}", output.path("approval").toString());
    }

    @Test
    void passesGroupAndDeduplicationIdsToFifoQueues() {
        String queueUrl = sqs.createFifoQueue("jobs.fifo");
        JsonNode output = run("""
                {"StartAt": "Send", "States": {"Send": {
                  "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                  "Parameters": {
                    "QueueUrl.$": "$.queueUrl",
                    "MessageBody": "train",
                    "MessageGroupId.$": "$.group",
                    "MessageDeduplicationId": "run-7"
                  },
                  "ResultSelector": {"id.$": "$.MessageId", "sequence.$": "$.SequenceNumber"},
                  "ResultPath": "$.sent",
                  "End": true}}}""",
                "{\"queueUrl\": \"" + queueUrl + "\", \"group\": \"model-a\"}");

        Message received = receiveOne(queueUrl);
        assertEquals("train", received.body());
        assertEquals("model-a", received.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
        assertEquals("run-7", received.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID));
        assertEquals(received.messageId(), output.path("sent").path("id").asText());
        assertTrue(output.path("sent").path("sequence").asText().matches("\\d+"), output.toString());
    }

    @Test
    void aMissingQueueFailsWithAwsErrorName() {
        AslError error = failure("""
                {"StartAt": "Send", "States": {"Send": {
                  "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                  "Parameters": {"QueueUrl.$": "$.queueUrl", "MessageBody": "hello"},
                  "End": true}}}""",
                "{\"queueUrl\": \"" + sqs.endpoint() + "/000000000000/no-such-queue\"}");

        assertEquals("SQS.QueueDoesNotExistException", error.error());
        assertTrue(error.cause().contains("(Service: AmazonSQS; Status Code: 400; Error Code: "), error.cause());
    }

    @Test
    void aCatchOnTheAwsErrorNameHandlesAMissingQueue() {
        JsonNode output = run("""
                {"StartAt": "Send", "States": {
                  "Send": {
                    "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                    "Parameters": {"QueueUrl.$": "$.queueUrl", "MessageBody": "hello"},
                    "Catch": [{"ErrorEquals": ["SQS.QueueDoesNotExistException"], "ResultPath": "$.error",
                               "Next": "Lost"}],
                    "Next": "Sent"},
                  "Lost": {"Type": "Pass", "Result": "lost", "ResultPath": "$.outcome", "End": true},
                  "Sent": {"Type": "Pass", "Result": "sent", "ResultPath": "$.outcome", "End": true}}}""",
                "{\"queueUrl\": \"" + sqs.endpoint() + "/000000000000/gone\"}");

        assertEquals("lost", output.path("outcome").asText(), output.toString());
        assertEquals("SQS.QueueDoesNotExistException", output.path("error").path("Error").asText());
        assertTrue(output.path("error").path("Cause").asText().contains("AmazonSQS"), output.toString());
    }

    @Test
    void aMissingRequiredParameterFailsNamingIt() {
        // written in the definition: refused at deployment, naming the state and the field
        String noQueue = refused("""
                {"StartAt": "Send", "States": {"Send": {
                  "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                  "Parameters": {"MessageBody": "hello"}, "End": true}}}""");
        assertTrue(noQueue.contains("QueueUrl") && noQueue.contains("/States/Send"), noQueue);

        // known only at run time: the service's own error, as AWS reports it

        String queueUrl = sqs.createQueue("bodiless");
        AslError noBody = failure("""
                {"StartAt": "Send", "States": {"Send": {
                  "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                  "Parameters": {"QueueUrl.$": "$.queueUrl", "MessageBody.$": "$.body"}, "End": true}}}""",
                "{\"queueUrl\": \"" + queueUrl + "\", \"body\": null}");
        assertEquals("SQS.AmazonSQSException", noBody.error());
        assertEquals("The request must contain the parameter MessageBody. (Service: AmazonSQS; Status Code: 400; "
                + "Error Code: MissingParameter; Request ID: null; Proxy: null)", noBody.cause());
    }

    @Test
    void anUnknownParameterFailsNamingIt() {
        AslError error = failure("""
                {"StartAt": "Send", "States": {"Send": {
                  "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                  "Parameters": {"QueueUrl": "http://localhost/1/q", "MessageBody": "x", "MesageGroupId": "g"},
                  "End": true}}}""", "{}");
        assertEquals("States.TaskFailed", error.error());
        assertTrue(error.cause().contains("'MesageGroupId'"), error.cause());
    }

    @Test
    void anSqsClientInTheRegistryIsUsedAndLeftOpen() throws Exception {
        String queueUrl = sqs.createQueue("registry");
        try (SqsClient client = ElasticMq.clientFor(sqs.endpoint())) {
            // no component options at all: the registry's client carries region, endpoint and credentials
            try (CamelContext own = new DefaultCamelContext()) {
                own.getRegistry().bind("sqs", client);
                own.getRegistry().bind("machine", """
                        {"StartAt": "Send", "States": {"Send": {
                          "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                          "Parameters": {"QueueUrl.$": "$.queueUrl", "MessageBody": "via registry"},
                          "End": true}}}""");
                own.start();
                own.createProducerTemplate().requestBody("asl:machine?definition=ref:machine",
                        "{\"queueUrl\": \"" + queueUrl + "\"}", String.class);
            }
            // the application owns the client: stopping Camel must not have closed it
            assertEquals("via registry", client.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1))
                    .messages().get(0).body());
        }
    }

    private static JsonNode run(String definition, String input) {
        String name = "machine" + MACHINES.incrementAndGet();
        camel.getRegistry().bind(name, definition);
        try {
            return Json.parse(template.requestBody("asl:" + name + "?definition=ref:" + name, input, String.class));
        } catch (Exception e) {
            throw new AssertionError("the execution failed: " + e, e);
        }
    }

    /** A definition the connector's deployment check refuses: the message of the validation failure. */
    private static String refused(String definition) {
        String name = "machine" + MACHINES.incrementAndGet();
        camel.getRegistry().bind(name, definition);
        Exception thrown = assertThrows(Exception.class,
                () -> template.requestBody("asl:" + name + "?definition=ref:" + name, "{}", String.class));
        Throwable cause = thrown;
        while (cause != null && !(cause instanceof io.github.camelasl.AslValidationException)) {
            cause = cause.getCause();
        }
        assertInstanceOf(io.github.camelasl.AslValidationException.class, cause, thrown::toString);
        return cause.getMessage();
    }

    private static AslError failure(String definition, String input) {
        String name = "machine" + MACHINES.incrementAndGet();
        camel.getRegistry().bind(name, definition);
        CamelExecutionException thrown = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("asl:" + name + "?definition=ref:" + name, input, String.class));
        return assertInstanceOf(AslError.class, thrown.getCause());
    }

    private static Message receiveOne(String queueUrl) {
        List<Message> messages = sqs.client().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(1).messageAttributeNames("All").messageSystemAttributeNames(
                        MessageSystemAttributeName.ALL)).messages();
        assertEquals(1, messages.size(), "messages in " + queueUrl + ": " + messages);
        return messages.get(0);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String md5(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%032x", new BigInteger(1, digest));
    }
}
