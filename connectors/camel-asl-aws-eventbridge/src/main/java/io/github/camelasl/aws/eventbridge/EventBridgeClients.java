package io.github.camelasl.aws.eventbridge;

import io.github.camelasl.aws.AwsEnvironment;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;

/**
 * Builds the SDK client from the connector's options, the environment filling what they leave unset: region,
 * endpoint override, keys or the default credential chain, and the Apache HTTP client camel-aws2-* use.
 */
final class EventBridgeClients {

    private EventBridgeClients() {
    }

    static EventBridgeClient create(EventBridgeConfiguration options, AwsEnvironment environment) {
        EventBridgeClientBuilder builder = EventBridgeClient.builder().httpClientBuilder(ApacheHttpClient.builder());
        String region = options.region(environment);
        if (region != null) {
            builder.region(Region.of(region));
        }
        String endpoint = options.endpoint(environment, "EVENTBRIDGE");
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
