package io.github.camelasl.aws.dynamodb;

import io.github.camelasl.aws.V1ErrorNames;
import io.github.camelasl.engine.AslError;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Failed DynamoDB calls named as Step Functions names them: {@code DynamoDB.ResourceNotFoundException},
 * {@code DynamoDB.ConditionalCheckFailedException}, ..., with v1's cause text ({@code Requested resource not found
 * (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ResourceNotFoundException; Request ID: r; Proxy:
 * null)}). An error v1 has no class for (a ValidationException) is {@code DynamoDB.AmazonDynamoDBException}: v1's
 * base exception is named for the service, not for the v2 service name its causes carry.
 */
final class DynamoDbErrors {

    private static final V1ErrorNames NAMES = new V1ErrorNames("DynamoDB", "AmazonDynamoDBv2", DynamoDbException.class);
    private static final String BASE_BY_SERVICE_NAME = "DynamoDB.AmazonDynamoDBv2Exception";
    static final String BASE = "DynamoDB.AmazonDynamoDBException";

    private DynamoDbErrors() {
    }

    static AslError from(SdkException e) {
        AslError named = NAMES.from(e);
        return BASE_BY_SERVICE_NAME.equals(named.error()) ? new AslError(BASE, named.cause(), e) : named;
    }
}
