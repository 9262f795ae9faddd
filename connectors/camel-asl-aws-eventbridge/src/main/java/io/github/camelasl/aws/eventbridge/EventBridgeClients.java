package io.github.camelasl.aws.eventbridge;

import io.github.camelasl.aws.AwsEnvironment;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;

/**
 * Builds the SDK client from the connector's options ({@link io.github.camelasl.aws.AwsConnectionConfiguration#connect})
 * on the Apache HTTP client camel-aws2-* use.
 */
final class EventBridgeClients {

    private EventBridgeClients() {
    }

    static EventBridgeClient create(EventBridgeConfiguration options, AwsEnvironment environment) {
        EventBridgeClientBuilder builder = EventBridgeClient.builder().httpClientBuilder(ApacheHttpClient.builder());
        options.connect(builder, environment, "EVENTBRIDGE");
        return builder.build();
    }
}
