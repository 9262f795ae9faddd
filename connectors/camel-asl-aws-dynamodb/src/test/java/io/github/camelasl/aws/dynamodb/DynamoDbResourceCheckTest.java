package io.github.camelasl.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.AslDeployer;
import io.github.camelasl.resource.ResourceRefusedException;
import io.github.camelasl.resource.ResourceResolvers;
import java.util.List;
import java.util.Optional;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** What the connector resolves and checks at deployment, through the resolver chain as the asl: component does. */
class DynamoDbResourceCheckTest {

    private static List<String> problems(String task) throws Exception {
        String definition = ("{'StartAt':'T','States':{'T':" + task + "}}").replace('\'', '"');
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            ResourceResolvers resolvers = new ResourceResolvers(context, List.of());
            return new AslDeployer(context, null, resolvers, null).validate(definition, "STANDARD").stream()
                    .map(d -> d.code() + ": " + d.message() + " at " + d.location()).toList();
        }
    }

    private static Optional<String> resolved(String resource) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            return new DynamoDbResourceResolver().resolve(resource, context);
        }
    }

    @Test
    void theFourOptimizedActionsResolveInAnyPartitionAndNothingElseDoes() throws Exception {
        assertEquals(Optional.of("asl-aws-dynamodb:getItem"), resolved("arn:aws:states:::dynamodb:getItem"));
        assertEquals(Optional.of("asl-aws-dynamodb:putItem"), resolved("arn:aws:states:::dynamodb:putItem"));
        assertEquals(Optional.of("asl-aws-dynamodb:updateItem"), resolved("arn:aws-cn:states:::dynamodb:updateItem"));
        assertEquals(Optional.of("asl-aws-dynamodb:deleteItem"), resolved("arn:aws:states:::dynamodb:deleteItem"));
        assertEquals(Optional.empty(), resolved("arn:aws:states:::aws-sdk:dynamodb:getItem")); // the SDK integration's
        // not optimized, and request-response only on AWS: refused in AWS's words
        for (String resource : List.of("arn:aws:states:::dynamodb:query", "arn:aws:states:::dynamodb:putItem"
                + ".waitForTaskToken", "arn:aws:states:::dynamodb:putItem.sync")) {
            ResourceRefusedException refused = assertThrows(ResourceRefusedException.class, () -> resolved(resource));
            assertEquals("The resource provided " + resource + " is not recognized. The value is not a valid resource "
                    + "ARN, or the resource is not available in this region.", refused.getMessage());
        }
    }

    @Test
    void theRegionalFormDeploysAndAnUnoptimizedActionIsRefused() throws Exception {
        assertEquals(List.of(), problems("{'Type':'Task','Resource':'arn:aws:states:eu-west-1:123456789012:dynamodb:"
                + "getItem','Parameters':{'TableName':'t','Key':{}},'End':true}"));
        // the corpus' validation case services_test_dynamodb_task_service...test_invalid_integration
        assertEquals(List.of("SCHEMA_VALIDATION_FAILED: The resource provided arn:aws:states:::dynamodb:query is not "
                + "recognized. The value is not a valid resource ARN, or the resource is not available in this region."
                + " at /States/T/Resource"), problems("{'Type':'Task','Resource':'arn:aws:states:::dynamodb:query',"
                + "'Parameters':{'TableName':'t'},'End':true}"));
        assertEquals(1, problems("{'Type':'Task','Resource':'arn:aws:states:::dynamodb:getItem.waitForTaskToken',"
                + "'Parameters':{'TableName':'t','Key':{}},'End':true}").size());
    }

    @Test
    void aParameterTheActionDoesNotTakeIsRefusedNamingIt() throws Exception {
        assertEquals(List.of("SCHEMA_VALIDATION_FAILED: The field 'ReturnValues' is not supported by Step Functions"
                        + " at /States/T/Parameters",
                        "SCHEMA_VALIDATION_FAILED: The field 'Limit' is not supported by Step Functions"
                        + " at /States/T/Parameters"),
                problems("{'Type':'Task','Resource':'arn:aws:states:::dynamodb:getItem','Parameters':"
                        + "{'TableName':'t','Key.$':'$.k','ReturnValues':'ALL_OLD','Limit.$':'$.n'},'End':true}"));
        assertEquals(List.of(), problems("{'Type':'Task','Resource':'arn:aws:states:::dynamodb:updateItem',"
                + "'Parameters':{'TableName':'t','Key':{},'UpdateExpression':'SET a = :a','ReturnValues':'ALL_NEW',"
                + "'ExpressionAttributeValues':{':a':{'S':'x'}},'ConditionExpression':'attribute_exists(id)'},"
                + "'End':true}"));
        // the Task's headers are not a parameter
        assertEquals(List.of(), problems("{'Type':'Task','Resource':'arn:aws:states:::dynamodb:getItem',"
                + "'Parameters':{'TableName':'t','Key':{},'CamelAslHeaders':{'tenant':'a'}},'End':true}"));
        // JSONata Arguments: the same check on its keys
        assertEquals(List.of("SCHEMA_VALIDATION_FAILED: The field 'UpdateExpression' is not supported by Step "
                + "Functions at /States/T/Arguments"), problems("{'Type':'Task','QueryLanguage':'JSONata',"
                + "'Resource':'arn:aws:states:::dynamodb:putItem','Arguments':{'TableName':'t','Item':'{% $states.input %}',"
                + "'UpdateExpression':'x'},'End':true}"));
    }

    @Test
    void theTableAndTheKeyOrItemAreRequired() throws Exception {
        assertEquals(List.of("SCHEMA_VALIDATION_FAILED: The field 'TableName' is required but was missing at "
                        + "/States/T/Parameters", "SCHEMA_VALIDATION_FAILED: The field 'Item' is required but was "
                        + "missing at /States/T/Parameters"),
                problems("{'Type':'Task','Resource':'arn:aws:states:::dynamodb:putItem','Parameters':{},'End':true}"));
        List<String> noKey = problems("{'Type':'Task','Resource':'arn:aws:states:::dynamodb:deleteItem',"
                + "'Parameters':{'TableName.$':'$.t'},'End':true}");
        assertEquals(1, noKey.size());
        assertTrue(noKey.get(0).contains("'Key' is required"), noKey.toString());
    }
}
