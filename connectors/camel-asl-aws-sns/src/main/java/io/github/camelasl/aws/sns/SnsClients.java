package io.github.camelasl.aws.sns;

import io.github.camelasl.aws.AwsEnvironment;
import org.apache.camel.component.aws2.sns.Sns2Configuration;
import org.apache.camel.component.aws2.sns.client.Sns2ClientFactory;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Builds the SDK client the way camel-aws2-sns builds its own (credentials, endpoint override, HTTP client), from
 * the connector's options with the environment filling what they leave unset.
 */
final class SnsClients {

    private SnsClients() {
    }

    static SnsClient create(SnsConfiguration options, AwsEnvironment environment) {
        Sns2Configuration aws = new Sns2Configuration();
        String region = options.region(environment);
        if (region != null) {
            aws.setRegion(region);
        }
        String endpoint = options.endpoint(environment, "SNS");
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
        return Sns2ClientFactory.getSnsClient(aws);
    }
}
