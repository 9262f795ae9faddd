package io.github.camelasl.aws.sqs;

import io.github.camelasl.aws.AwsEnvironment;
import org.apache.camel.component.aws2.sqs.Sqs2Configuration;
import org.apache.camel.component.aws2.sqs.client.Sqs2ClientFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK client the way camel-aws2-sqs builds its own (credentials, endpoint override, HTTP client), from
 * the connector's options with the environment filling what they leave unset.
 */
final class SqsClients {

    private SqsClients() {
    }

    static SqsClient create(SqsConfiguration options, AwsEnvironment environment) {
        Sqs2Configuration aws = new Sqs2Configuration();
        String region = options.region(environment);
        if (region != null) {
            aws.setRegion(region);
        }
        String endpoint = options.endpoint(environment, "SQS");
        if (endpoint != null) {
            aws.setOverrideEndpoint(true);
            aws.setUriEndpointOverride(endpoint);
        }
        if (options.hasKeys()) {
            aws.setAccessKey(options.getAccessKey());
            aws.setSecretKey(options.getSecretKey());
        } else {
            // environment variables, system properties, profiles, container and instance roles
            aws.setUseDefaultCredentialsProvider(true);
        }
        return Sqs2ClientFactory.getSqsClient(aws);
    }
}
