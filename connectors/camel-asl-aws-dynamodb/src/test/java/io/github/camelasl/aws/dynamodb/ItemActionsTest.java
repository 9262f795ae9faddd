package io.github.camelasl.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.aws.testing.Dynalite;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import java.util.ArrayList;
import java.util.List;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * dynamodb:putItem, updateItem, getItem and deleteItem Tasks, run through the asl: endpoint against dynalite, with
 * the result shapes and error names Step Functions gives (recorded in LocalStack's AWS snapshots).
 */
class ItemActionsTest {

    private static final String TABLE = "orders";
    private static final AtomicInteger MACHINES = new AtomicInteger();

    private static Dynalite dynalite;
    private static DynamoDbClient dynamo;
    private static CamelContext camel;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() throws Exception {
        dynalite = new Dynalite();
        dynamo = DynamoDbClient.builder().endpointOverride(dynalite.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
        dynamo.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
        camel = new DefaultCamelContext();
        DynamoDbConfiguration config = camel.getComponent("asl-aws-dynamodb", DynamoDbComponent.class)
                .getConfiguration();
        config.setRegion("us-east-1");
        config.setUriEndpointOverride(dynalite.endpoint().toString());
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
        if (dynamo != null) {
            dynamo.close();
        }
        if (dynalite != null) {
            dynalite.close();
        }
    }

    @Test
    void putUpdateGetAndDeleteAnItemWithAwsResultShapes() throws Exception {
        JsonNode output = run("""
                {"StartAt": "Put", "States": {
                  "Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                    "Parameters": {"TableName": "orders", "Item": {"id": {"S.$": "$.id"}, "total": {"N": "12.5"},
                      "lines": {"L": [{"S": "a"}, {"BOOL": true}, {"NULL": true}]}}},
                    "ResultPath": "$.put", "Next": "Update"},
                  "Update": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:updateItem",
                    "Parameters": {"TableName": "orders", "Key": {"id": {"S.$": "$.id"}},
                      "UpdateExpression": "SET #s = :s", "ExpressionAttributeNames": {"#s": "status"},
                      "ExpressionAttributeValues": {":s": {"S": "PAID"}}, "ReturnValues": "UPDATED_NEW"},
                    "ResultPath": "$.update", "Next": "Get"},
                  "Get": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
                    "Parameters": {"TableName": "orders", "Key": {"id": {"S.$": "$.id"}}, "ConsistentRead": true},
                    "ResultPath": "$.get", "Next": "Delete"},
                  "Delete": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:deleteItem",
                    "Parameters": {"TableName": "orders", "Key": {"id": {"S.$": "$.id"}}, "ReturnValues": "ALL_OLD"},
                    "ResultPath": "$.delete", "End": true}}}""", "{\"id\": \"o-1\"}");

        // putItem answers {} (no Attributes: the SDK's empty map is left out), plus the v1 metadata
        assertEquals(List.of("SdkHttpMetadata", "SdkResponseMetadata"), fieldNames(output.get("put")), output.toString());
        assertEquals(200, output.at("/put/SdkHttpMetadata/HttpStatusCode").asInt());
        assertEquals("application/x-amz-json-1.0", output.at("/put/SdkHttpMetadata/HttpHeaders/Content-Type").asText(),
                output.toString());
        assertEquals("application/x-amz-json-1.0",
                output.at("/put/SdkHttpMetadata/AllHttpHeaders/Content-Type/0").asText(), output.toString());
        assertEquals(output.at("/put/SdkHttpMetadata/HttpHeaders/x-amzn-RequestId").asText(),
                output.at("/put/SdkResponseMetadata/RequestId").asText(), output.toString());

        assertEquals(Json.parse("{\"status\": {\"S\": \"PAID\"}}"), output.at("/update/Attributes"));
        assertEquals(Json.parse("""
                {"id": {"S": "o-1"}, "total": {"N": "12.5"}, "status": {"S": "PAID"},
                 "lines": {"L": [{"S": "a"}, {"BOOL": true}, {"NULL": true}]}}"""), output.at("/get/Item"));
        assertEquals(List.of("Item", "SdkHttpMetadata", "SdkResponseMetadata"), fieldNames(output.get("get")));
        assertEquals(output.at("/get/Item"), output.at("/delete/Attributes"));
        assertEquals(0, dynamo.scan(b -> b.tableName(TABLE)).count());
    }

    @Test
    void aMissingTableIsDynamoDbResourceNotFoundExceptionWithV1sCause() {
        AslError error = failure(putItem("{\"TableName\": \"no_such_table\", \"Item\": {\"id\": {\"S\": \"1\"}}}"));
        assertEquals("DynamoDB.ResourceNotFoundException", error.error());
        assertEquals("Requested resource not found (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: "
                + "ResourceNotFoundException; Request ID: <id>; Proxy: null)", withoutRequestId(error.cause()));
    }

    @Test
    void aValidationErrorIsTheServicesBaseExceptionAmazonDynamoDbException() {
        // LocalStack's AWS snapshot error_handling/test_task_service_dynamodb, test_put_item_invalid_table_name
        AslError invalidName = failure(putItem("{\"TableName\": \"/orders\", \"Item\": {\"id\": {\"S\": \"1\"}}}"));
        assertEquals("DynamoDB.AmazonDynamoDBException", invalidName.error());
        assertEquals("1 validation error detected: Value '/orders' at 'tableName' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+ (Service: AmazonDynamoDBv2; "
                + "Status Code: 400; Error Code: ValidationException; Request ID: <id>; Proxy: null)",
                withoutRequestId(invalidName.cause()));

        // ... test_invalid_param: a null Item is sent as no Item, and DynamoDB says so
        AslError noItem = failure(putItem("{\"TableName\": \"orders\", \"Item\": null}"));
        assertEquals("DynamoDB.AmazonDynamoDBException", noItem.error());
        assertEquals("1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must "
                + "not be null (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ValidationException; "
                + "Request ID: <id>; Proxy: null)", withoutRequestId(noItem.cause()));
    }

    @Test
    void aFailedConditionIsCatchableByItsName() {
        JsonNode output = run("""
                {"StartAt": "Put", "States": {
                  "Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                    "Parameters": {"TableName": "orders", "Item": {"id": {"S": "o-2"}},
                      "ConditionExpression": "attribute_not_exists(id)"},
                    "ResultPath": null, "Next": "Again"},
                  "Again": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                    "Parameters": {"TableName": "orders", "Item": {"id": {"S": "o-2"}},
                      "ConditionExpression": "attribute_not_exists(id)"},
                    "Catch": [{"ErrorEquals": ["DynamoDB.ConditionalCheckFailedException"], "Next": "Taken"}],
                    "End": true},
                  "Taken": {"Type": "Pass", "End": true}}}""", "{}");
        assertEquals("DynamoDB.ConditionalCheckFailedException", output.path("Error").asText(), output.toString());
        assertEquals("The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: "
                + "ConditionalCheckFailedException; Request ID: <id>; Proxy: null)",
                withoutRequestId(output.path("Cause").asText()));
    }

    @Test
    void aComputedRequestWithAParameterTheIntegrationDoesNotTakeFails() {
        CamelExecutionException thrown = assertThrows(CamelExecutionException.class, () -> run("""
                {"StartAt": "Get", "States": {"Get": {"Type": "Task",
                  "Resource": "arn:aws:states:::dynamodb:getItem", "End": true}}}""",
                "{\"TableName\": \"orders\", \"Key\": {\"id\": {\"S\": \"1\"}}, \"ReturnValues\": \"ALL_OLD\"}"));
        AslError error = assertInstanceOf(AslError.class, thrown.getCause());
        assertEquals(true, error.cause().contains("The field 'ReturnValues' is not supported by Step Functions"),
                error.cause());
    }

    private static String putItem(String parameters) {
        return """
                {"StartAt": "Put", "States": {"Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                  "Parameters": %s, "End": true}}}""".formatted(parameters);
    }

    private static String withoutRequestId(String cause) {
        return cause.replaceFirst("Request ID: [^;]+;", "Request ID: <id>;");
    }

    private static JsonNode run(String definition, String input) {
        String name = "machine" + MACHINES.incrementAndGet();
        camel.getRegistry().bind(name, definition);
        String output = template.requestBody("asl:" + name + "?definition=ref:" + name, input, String.class);
        try {
            return Json.parse(output);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + output, e);
        }
    }

    private static AslError failure(String definition) {
        CamelExecutionException thrown = assertThrows(CamelExecutionException.class, () -> run(definition, "{}"));
        return assertInstanceOf(AslError.class, thrown.getCause());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
