package io.github.camelasl.aws.bedrock;

import io.github.camelasl.aws.AwsEnvironment;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;

/**
 * Builds the SDK client from the connector's options ({@link io.github.camelasl.aws.AwsConnectionConfiguration#connect})
 * on the Apache HTTP client camel-aws2-* use.
 */
final class BedrockClients {

    private BedrockClients() {
    }

    static BedrockRuntimeClient create(BedrockConfiguration options, AwsEnvironment environment) {
        BedrockRuntimeClientBuilder builder = BedrockRuntimeClient.builder().httpClientBuilder(ApacheHttpClient.builder());
        options.connect(builder, environment, "BEDROCK_RUNTIME");
        return builder.build();
    }
}
