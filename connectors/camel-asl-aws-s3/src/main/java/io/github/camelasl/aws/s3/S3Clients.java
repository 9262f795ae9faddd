package io.github.camelasl.aws.s3;

import io.github.camelasl.aws.AwsEnvironment;
import org.apache.camel.component.aws2.s3.AWS2S3Configuration;
import org.apache.camel.component.aws2.s3.client.AWS2S3ClientFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the SDK client the way camel-aws2-s3 builds its own (credentials, endpoint override, path style, HTTP
 * client), from the connector's options with the environment filling what they leave unset.
 */
final class S3Clients {

    private S3Clients() {
    }

    static S3Client create(S3Configuration options, AwsEnvironment environment) {
        AWS2S3Configuration aws = new AWS2S3Configuration();
        String region = options.region(environment);
        if (region != null) {
            aws.setRegion(region);
        }
        String endpoint = options.endpoint(environment, "S3");
        if (endpoint != null) {
            aws.setOverrideEndpoint(true);
            aws.setUriEndpointOverride(endpoint);
        }
        // stand-ins seldom resolve bucket.host names: path style wherever the endpoint is not AWS's
        aws.setForcePathStyle(options.getForcePathStyle() != null ? options.getForcePathStyle() : endpoint != null);
        if (options.hasKeys()) {
            aws.setAccessKey(options.getAccessKey());
            aws.setSecretKey(options.getSecretKey());
        } else {
            // environment variables, system properties, profiles, container and instance roles
            aws.setUseDefaultCredentialsProvider(true);
        }
        return AWS2S3ClientFactory.getS3Client(aws);
    }
}
