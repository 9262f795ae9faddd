package io.github.camelasl.aws.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslValidationException;
import io.github.camelasl.aws.testing.JsonProtocolStandIn;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * aws-sdk Tasks run through the asl: endpoint and the real SDK clients against stand-ins speaking the AWS JSON
 * protocols: DynamoDB and Step Functions (1.0) on one, reached through the component's options; Secrets Manager
 * (1.1) on another, through a client bound in the registry.
 */
class AwsSdkTasksTest {

    private static final AtomicInteger MACHINES = new AtomicInteger();

    private static JsonProtocolStandIn json10;
    private static JsonProtocolStandIn secrets;
    private static CamelContext camel;
    private static ProducerTemplate template;
    private static SecretsManagerClient secretsClient;
    private static EventBridgeClient nowhere;

    @BeforeAll
    static void start() throws Exception {
        json10 = new JsonProtocolStandIn("1.0");
        secrets = new JsonProtocolStandIn("1.1");
        camel = new DefaultCamelContext();
        AwsSdkConfiguration config = camel.getComponent("asl-aws-sdk", AwsSdkComponent.class).getConfiguration();
        config.setRegion("us-east-1");
        config.setUriEndpointOverride(json10.endpoint().toString());
        config.setAccessKey("test");
        config.setSecretKey("test");
        secretsClient = SecretsManagerClient.builder().region(Region.EU_WEST_1).endpointOverride(secrets.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build();
        camel.getRegistry().bind("secrets", secretsClient);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        nowhere = EventBridgeClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + closedPort))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build();
        camel.getRegistry().bind("events", nowhere);
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        secretsClient.close();
        nowhere.close();
        json10.close();
        secrets.close();
    }

    @Test
    void listSecretsAnswersWithTheResponseInPascalCase() throws Exception {
        secrets.answer("secretsmanager.ListSecrets", """
                {"SecretList": [{"ARN": "arn:aws:secretsmanager:eu-west-1:1:secret:db", "Name": "db",
                  "CreatedDate": 1.7e9, "Tags": []}]}""");
        JsonNode output = run(task("secretsmanager:listSecrets", "{\"MaxResults\": 5}"), "{}");
        assertEquals(Json.parse("""
                {"SecretList": [{"ARN": "arn:aws:secretsmanager:eu-west-1:1:secret:db", "Name": "db",
                  "CreatedDate": "2023-11-14T22:13:20Z", "Tags": []}]}"""), output);
        JsonNode sent = secrets.requests().get(secrets.requests().size() - 1).body();
        assertEquals(Json.parse("{\"MaxResults\": 5}"), sent);
        // the client bound in the registry was used: it signs for its own region
        assertTrue(secrets.requests().get(secrets.requests().size() - 1).headers().get("authorization")
                .contains("/eu-west-1/secretsmanager/"));
    }

    @Test
    void aDynamoDbCallKeepsDynamoDbsOwnJson() throws Exception {
        json10.answer("DynamoDB_20120810.GetItem", """
                {"Item": {"id": {"S": "1"}, "gone": {"NULL": true}, "n": {"N": "5"}, "b": {"B": "aGk="},
                  "tags": {"SS": ["a", "b"]}}}""");
        JsonNode output = run(task("dynamodb:getItem", """
                {"TableName": "t", "Key": {"id": {"S.$": "$.id"}}, "ConsistentRead": true}"""), "{\"id\": \"1\"}");
        assertEquals(Json.parse("""
                {"Item": {"id": {"S": "1"}, "gone": {"NULL": true}, "n": {"N": "5"}, "b": {"B": "aGk="},
                  "tags": {"SS": ["a", "b"]}}}"""), output);
        assertEquals(Json.parse("{\"TableName\": \"t\", \"Key\": {\"id\": {\"S\": \"1\"}}, \"ConsistentRead\": true}"),
                lastBody("DynamoDB_20120810.GetItem"));
        // built from the component's options on the first call (LazyClientTest: not before)
        assertTrue(camel.getComponent("asl-aws-sdk", AwsSdkComponent.class).clients().built() >= 1);

        // NULL goes back as DynamoDB's NULL, not v2's NUL
        json10.answer("DynamoDB_20120810.PutItem", "{}");
        assertEquals(Json.parse("{}"), run(task("dynamodb:putItem", """
                {"TableName": "t", "Item": {"id": {"S": "2"}, "gone": {"NULL": true}}}"""), "{}"));
        assertEquals(Json.parse("{\"TableName\": \"t\", \"Item\": {\"id\": {\"S\": \"2\"}, \"gone\": {\"NULL\": true}}}"),
                lastBody("DynamoDB_20120810.PutItem"));
    }

    @Test
    void aCamelCaseModelIsWrittenAndReadInPascalCase() throws Exception {
        json10.answer("AWSStepFunctions.StartExecution", """
                {"executionArn": "arn:aws:states:us-east-1:1:execution:m:run1", "startDate": 1700000000.123}""");
        JsonNode output = run(task("sfn:startExecution", """
                {"StateMachineArn": "arn:aws:states:us-east-1:1:stateMachine:m", "Input": {"key": "value"},
                 "name": "run1"}"""), "{}");
        assertEquals(Json.parse("""
                {"ExecutionArn": "arn:aws:states:us-east-1:1:execution:m:run1", "StartDate": "2023-11-14T22:13:20.123Z"}"""),
                output);
        // the model's camelCase on the wire; an object given to a string member goes as its JSON text
        assertEquals(Json.parse("""
                {"stateMachineArn": "arn:aws:states:us-east-1:1:stateMachine:m", "input": "{\\"key\\":\\"value\\"}",
                 "name": "run1"}"""), lastBody("AWSStepFunctions.StartExecution"));
    }

    @Test
    void serviceErrorsAreNamedAsStepFunctionsNamesThem() throws Exception {
        json10.on("DynamoDB_20120810.DeleteItem", request -> JsonProtocolStandIn.error(400,
                "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", "Requested resource not found"));
        AslError notFound = failure(task("dynamodb:deleteItem", "{\"TableName\": \"none\", \"Key\": {}}"));
        assertEquals("DynamoDb.ResourceNotFoundException", notFound.error());
        assertEquals("Requested resource not found (Service: DynamoDb, Status Code: 400, Request ID: "
                + json10.lastRequestId() + ")", notFound.cause());

        // an error the model does not know: the service's base exception
        json10.on("DynamoDB_20120810.DescribeTable", request -> JsonProtocolStandIn.error(400, "Odd", "odd"));
        assertEquals("DynamoDb.DynamoDbException",
                failure(task("dynamodb:describeTable", "{\"TableName\": \"t\"}")).error());

        // Step Functions' own causes keep the SDK's attempt count, as AWS records them
        json10.on("AWSStepFunctions.SendTaskSuccess", request -> JsonProtocolStandIn.error(400,
                "InvalidToken", "Invalid Token: 'Invalid token'"));
        AslError token = failure(task("sfn:sendTaskSuccess", "{\"TaskToken\": \"t\", \"Output\": \"{}\"}"));
        assertEquals("Sfn.InvalidTokenException", token.error());
        assertEquals("Invalid Token: 'Invalid token' (Service: Sfn, Status Code: 400, Request ID: "
                + json10.lastRequestId() + ") (SDK Attempt Count: 1)", token.cause());

        // no answer at all
        AslError unreachable = failure(task("eventbridge:putEvents", "{\"Entries\": []}"));
        assertEquals("EventBridge.SdkClientException", unreachable.error());
    }

    @Test
    void aTaskFailedCatcherCatchesThem() throws Exception {
        json10.on("DynamoDB_20120810.UpdateItem", request -> JsonProtocolStandIn.error(400,
                "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException", "The conditional request failed"));
        JsonNode output = run("""
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:updateItem",
                        "Parameters": {"TableName": "t", "Key": {"id": {"S": "1"}}},
                        "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Caught"}], "End": true},
                  "Caught": {"Type": "Pass", "End": true}}}""", "{}");
        assertEquals("DynamoDb.ConditionalCheckFailedException", output.path("Error").asText());
        assertTrue(output.path("Cause").asText().startsWith("The conditional request failed (Service: DynamoDb"),
                output.toString());
    }

    @Test
    void anUnknownParameterIsRefusedAtDeploymentNamingTheStateAndField() throws Exception {
        String message = refused("""
                {"StartAt": "List", "States": {"List": {"Type": "Task",
                  "Resource": "arn:aws:states:::aws-sdk:secretsmanager:listSecrets",
                  "Parameters": {"MaxResults": 1, "Colour.$": "$.c"}, "End": true}}}""");
        assertTrue(message.contains("/States/List/Parameters/Colour"), message);
        assertTrue(message.contains("The field 'Colour' is not a parameter of aws-sdk:secretsmanager:listSecrets; it "
                + "takes Filters, IncludePlannedDeletion, MaxResults, NextToken, SortBy, SortOrder"), message);

        // the values written out are checked as the call builds them; those computed at run time are not
        String nested = refused("""
                {"StartAt": "Get", "States": {"Get": {"Type": "Task",
                  "Resource": "arn:aws:states:::aws-sdk:dynamodb:getItem",
                  "Parameters": {"TableName": "t", "Key": {"id": {"Str": "1"}}}, "End": true}}}""");
        assertTrue(nested.contains("aws-sdk:dynamodb:getItem parameter 'Key.id' has no field 'Str'; it has B, BOOL, "
                + "BS, L, M, N, NS, NULL, S, SS at /States/Get/Parameters"), nested);
        String typed = refused("""
                {"QueryLanguage": "JSONata", "StartAt": "List", "States": {"List": {"Type": "Task",
                  "Resource": "arn:aws:states:::aws-sdk:secretsmanager:listSecrets",
                  "Arguments": {"MaxResults": "many", "NextToken": "{% $states.input.token %}"}, "End": true}}}""");
        assertTrue(typed.contains("aws-sdk:secretsmanager:listSecrets parameter 'MaxResults' must be an integer, "
                + "not \"many\" at /States/List/Arguments"), typed);
        // a number beyond its member's range is the state's problem too, named (review M3: it escaped the check)
        String range = refused("""
                {"StartAt": "Q", "States": {"Q": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:query",
                  "Parameters": {"TableName": "t", "Limit": 3000000000}, "End": true}}}""");
        assertTrue(range.contains("aws-sdk:dynamodb:query parameter 'Limit' must be an integer between -2147483648 "
                + "and 2147483647, not 3000000000 at /States/Q/Parameters"), range);
    }

    private static JsonNode lastBody(String target) {
        var requests = json10.requests().stream().filter(r -> r.target().equals(target)).toList();
        return requests.get(requests.size() - 1).body();
    }

    private static String task(String integration, String parameters) {
        return """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:%s",
                  "Parameters": %s, "End": true}}}""".formatted(integration, parameters);
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

    private static AslError failure(String definition) {
        String name = "machine" + MACHINES.incrementAndGet();
        camel.getRegistry().bind(name, definition);
        CamelExecutionException thrown = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("asl:" + name + "?definition=ref:" + name, "{}", String.class));
        return assertInstanceOf(AslError.class, thrown.getCause());
    }

    private static String refused(String definition) {
        String name = "machine" + MACHINES.incrementAndGet();
        camel.getRegistry().bind(name, definition);
        Exception thrown = assertThrows(Exception.class,
                () -> template.requestBody("asl:" + name + "?definition=ref:" + name, "{}", String.class));
        Throwable cause = thrown;
        while (cause != null && !(cause instanceof AslValidationException)) {
            cause = cause.getCause();
        }
        assertInstanceOf(AslValidationException.class, cause, thrown::toString);
        return cause.getMessage();
    }
}
