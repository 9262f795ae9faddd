package io.github.camelasl.aws.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.aws.testing.SnsStandIn;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** sns:publish Tasks, run through the asl: endpoint against a local SNS stand-in that records what it got. */
class PublishTest {

    private static final String REGION = "eu-west-1";
    private static final AtomicInteger MACHINES = new AtomicInteger();

    private static SnsStandIn sns;
    private static CamelContext camel;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() throws Exception {
        sns = new SnsStandIn(REGION);
        camel = new DefaultCamelContext();
        SnsConfiguration config = camel.getComponent("asl-aws-sns", SnsComponent.class).getConfiguration();
        config.setRegion(REGION);
        config.setUriEndpointOverride(sns.endpoint().toString());
        config.setAccessKey("test");
        config.setSecretKey("test");
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        if (sns != null) {
            sns.close();
        }
    }

    @Test
    void publishesToATopicAndAnswersWithAwsResultShape() {
        String topicArn = sns.createTopic("model-events");
        JsonNode output = run("""
                {"StartAt": "Notify", "States": {"Notify": {
                  "Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                  "Parameters": {
                    "TopicArn.$": "$.topic",
                    "Message.$": "$.event",
                    "Subject": "Model deployed",
                    "MessageAttributes": {
                      "model": {"DataType": "String", "StringValue.$": "$.event.model"},
                      "accuracy": {"DataType": "Number", "StringValue": "0.97"},
                      "blob": {"DataType": "Binary", "BinaryValue": "AQID"}
                    }
                  },
                  "End": true}}}""",
                "{\"topic\": \"" + topicArn + "\", \"event\": {\"model\": \"m-1\", \"accuracy\": 0.97}}");

        SnsStandIn.Published received = only(sns.published(), topicArn);
        // a JSON Message is sent as its JSON text, as AWS does
        assertEquals("{\"model\":\"m-1\",\"accuracy\":0.97}", received.get("Message"));
        assertEquals("Model deployed", received.get("Subject"));
        assertEquals(Map.of(
                "accuracy", Map.of("DataType", "Number", "StringValue", "0.97"),
                "blob", Map.of("DataType", "Binary", "BinaryValue", "AQID"),
                "model", Map.of("DataType", "String", "StringValue", "m-1")), received.attributes());

        assertEquals(received.messageId(), output.path("MessageId").asText(), output.toString());
        assertEquals(received.requestId(), output.path("SdkResponseMetadata").path("RequestId").asText());
        JsonNode http = output.path("SdkHttpMetadata");
        assertEquals(200, http.path("HttpStatusCode").asInt(), output.toString());
        // (the JDK's HTTP server, under the stand-in, writes header names as "Content-type")
        assertEquals("text/xml", header(http.path("HttpHeaders"), "Content-Type").asText(), output.toString());
        assertEquals(Json.NODES.arrayNode().add(received.requestId()),
                header(http.path("AllHttpHeaders"), "x-amzn-RequestId"), output.toString());
        assertEquals(List.of("MessageId", "SdkHttpMetadata", "SdkResponseMetadata"), fieldNames(output));
    }

    @Test
    void publishesToATargetWithStructureAndFifoIds() {
        String topicArn = sns.createTopic("deployments.fifo");
        JsonNode output = run("""
                {"StartAt": "Notify", "States": {"Notify": {
                  "Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                  "Parameters": {
                    "TopicArn.$": "$.topic",
                    "Message": {"default": "deployed", "email": "Model deployed"},
                    "MessageStructure": "json",
                    "MessageGroupId": "models",
                    "MessageDeduplicationId.$": "$.run"
                  },
                  "End": true}}}""",
                "{\"topic\": \"" + topicArn + "\", \"run\": \"run-7\"}");

        SnsStandIn.Published received = only(sns.published(), topicArn);
        assertEquals("{\"default\":\"deployed\",\"email\":\"Model deployed\"}", received.get("Message"));
        assertEquals("json", received.get("MessageStructure"));
        assertEquals("models", received.get("MessageGroupId"));
        assertEquals("run-7", received.get("MessageDeduplicationId"));
        assertTrue(output.path("SequenceNumber").asText().matches("\\d{20}"), output.toString());

        String endpointArn = "arn:aws:sns:" + REGION + ":" + SnsStandIn.ACCOUNT + ":endpoint/GCM/app/1";
        run("""
                {"StartAt": "Notify", "States": {"Notify": {
                  "Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                  "Parameters": {"TargetArn.$": "$.target", "Message": "hello device"},
                  "End": true}}}""", "{\"target\": \"" + endpointArn + "\"}");
        SnsStandIn.Published direct = sns.published().stream()
                .filter(p -> endpointArn.equals(p.get("TargetArn"))).findFirst().orElseThrow();
        assertEquals("hello device", direct.get("Message"));
        assertNull(direct.get("TopicArn"));
    }

    @Test
    void anUnknownTopicFailsWithAwsErrorAndCanBeCaught() {
        String missing = "arn:aws:sns:" + REGION + ":" + SnsStandIn.ACCOUNT + ":deleted-topic";
        String definition = """
                {"StartAt": "Notify", "States": {"Notify": {
                  "Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                  "Parameters": {"TopicArn.$": "$.topic", "Message": "hello"},
                  "End": true}}}""";
        AslError error = failure(definition, "{\"topic\": \"" + missing + "\"}");
        assertEquals("SNS.NotFoundException", error.error());
        assertTrue(error.cause().matches("Topic does not exist \\(Service: AmazonSNS; Status Code: 404; "
                + "Error Code: NotFound; Request ID: [0-9a-f-]{36}; Proxy: null\\)"), error.cause());

        JsonNode caught = run("""
                {"StartAt": "Notify", "States": {
                  "Notify": {
                    "Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                    "Parameters": {"TopicArn.$": "$.topic", "Message": "hello"},
                    "Catch": [{"ErrorEquals": ["SNS.NotFoundException"], "ResultPath": "$.error", "Next": "NoTopic"}],
                    "End": true},
                  "NoTopic": {"Type": "Pass", "Result": "no topic", "ResultPath": "$.outcome", "End": true}}}""",
                "{\"topic\": \"" + missing + "\"}");
        assertEquals("no topic", caught.path("outcome").asText(), caught.toString());
        assertEquals("SNS.NotFoundException", caught.path("error").path("Error").asText(), caught.toString());
    }

    @Test
    void aFifoPublishWithoutGroupIdFailsAsAwsSays() {
        String topicArn = sns.createTopic("orders.fifo");
        AslError error = failure("""
                {"StartAt": "Notify", "States": {"Notify": {
                  "Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                  "Parameters": {"TopicArn.$": "$.topic", "Message": {"Message": "HelloWorld!"}},
                  "End": true}}}""", "{\"topic\": \"" + topicArn + "\"}");
        assertEquals("SNS.InvalidParameterException", error.error());
        assertTrue(error.cause().startsWith("Invalid parameter: The MessageGroupId parameter is required for FIFO "
                + "topics (Service: AmazonSNS; Status Code: 400; Error Code: InvalidParameter; Request ID: "),
                error.cause());
    }

    @Test
    void missingDestinationOrMessageFailsNamingTheField() {
        // written in the definition: refused at deployment, naming the state and the field
        String noTopic = refused("""
                {"StartAt": "Notify", "States": {"Notify": {
                  "Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                  "Parameters": {"Message": "hello"}, "End": true}}}""");
        assertTrue(noTopic.contains("TopicArn") && noTopic.contains("/States/Notify"), noTopic);

        String noMessage = refused("""
                {"StartAt": "Notify", "States": {"Notify": {
                  "Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                  "Parameters": {"TopicArn": "arn:aws:sns:eu-west-1:123456789012:t"}, "End": true}}}""");
        assertTrue(noMessage.contains("'Message'"), noMessage);


        AslError typo = failure("""
                {"StartAt": "Notify", "States": {"Notify": {
                  "Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                  "Parameters": {"TopicArn": "arn:aws:sns:eu-west-1:123456789012:t", "Message": "hi", "Subjet": "s"},
                  "End": true}}}""", "{}");
        assertEquals("States.TaskFailed", typo.error());
        assertTrue(typo.cause().contains("'Subjet'"), typo.cause());
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

    private static SnsStandIn.Published only(List<SnsStandIn.Published> published, String topicArn) {
        List<SnsStandIn.Published> matching = published.stream().filter(p -> topicArn.equals(p.get("TopicArn"))).toList();
        assertEquals(1, matching.size(), "publishes to " + topicArn + ": " + matching);
        return matching.get(0);
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

    private static AslError failure(String definition, String input) {
        String name = "machine" + MACHINES.incrementAndGet();
        camel.getRegistry().bind(name, definition);
        CamelExecutionException thrown = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("asl:" + name + "?definition=ref:" + name, input, String.class));
        return assertInstanceOf(AslError.class, thrown.getCause());
    }

    private static JsonNode header(JsonNode headers, String name) {
        for (String field : fieldNames(headers)) {
            if (field.equalsIgnoreCase(name)) {
                return headers.get(field);
            }
        }
        return Json.NODES.missingNode();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
