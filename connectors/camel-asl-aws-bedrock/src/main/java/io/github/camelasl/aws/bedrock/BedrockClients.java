package io.github.camelasl.aws.bedrock;

import io.github.camelasl.aws.AwsEnvironment;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;

/**
 * Builds the SDK client from the connector's options, the environment filling what they leave unset: region,
 * endpoint override, keys or the default credential chain, and the Apache HTTP client camel-aws2-* use.
 */
final class BedrockClients {

    private BedrockClients() {
    }

    static BedrockRuntimeClient create(BedrockConfiguration options, AwsEnvironment environment) {
        BedrockRuntimeClientBuilder builder = BedrockRuntimeClient.builder().httpClientBuilder(ApacheHttpClient.builder());
        String region = options.region(environment);
        if (region != null) {
            builder.region(Region.of(region));
        }
        String endpoint = options.endpoint(environment, "BEDROCK_RUNTIME");
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
