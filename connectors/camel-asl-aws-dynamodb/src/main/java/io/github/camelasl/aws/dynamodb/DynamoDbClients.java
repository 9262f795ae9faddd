package io.github.camelasl.aws.dynamodb;

import io.github.camelasl.aws.AwsEnvironment;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the SDK client from the connector's options ({@link io.github.camelasl.aws.AwsConnectionConfiguration#connect})
 * on the Apache HTTP client camel-aws2-* use.
 */
final class DynamoDbClients {

    private DynamoDbClients() {
    }

    static DynamoDbClient create(DynamoDbConfiguration options, AwsEnvironment environment) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClientBuilder(ApacheHttpClient.builder());
        options.connect(builder, environment, "DYNAMODB");
        return builder.build();
    }
}
