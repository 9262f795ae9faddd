package io.github.camelasl.aws.dynamodb;

import io.github.camelasl.aws.AwsEnvironment;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the SDK client from the connector's options, the environment filling what they leave unset: region,
 * endpoint override, keys or the default credential chain, and the Apache HTTP client camel-aws2-* use.
 */
final class DynamoDbClients {

    private DynamoDbClients() {
    }

    static DynamoDbClient create(DynamoDbConfiguration options, AwsEnvironment environment) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClientBuilder(ApacheHttpClient.builder());
        String region = options.region(environment);
        if (region != null) {
            builder.region(Region.of(region));
        }
        String endpoint = options.endpoint(environment, "DYNAMODB");
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        builder.credentialsProvider(options.hasKeys()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(options.getAccessKey(),
                        options.getSecretKey()))
                // environment variables, system properties, profiles, container and instance roles
                : DefaultCredentialsProvider.builder().build());
        return builder.build();
    }
}
