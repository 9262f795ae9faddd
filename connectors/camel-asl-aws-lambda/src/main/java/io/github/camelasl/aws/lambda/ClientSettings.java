package io.github.camelasl.aws.lambda;

import io.github.camelasl.aws.Arn;
import io.github.camelasl.aws.AwsEnvironment;

/**
 * What a Lambda client is built from. Endpoints with the same settings share one client (and its connection pool).
 *
 * @param endpointOverride null for AWS's own endpoint
 * @param accessKey        null for the SDK's default credential chain
 */
record ClientSettings(String region, String endpointOverride, String accessKey, String secretKey) {

    static final String DEFAULT_REGION = "us-east-1";

    /**
     * The options set on the endpoint or component win; then the function ARN's region (the function lives there),
     * then the environment.
     */
    static ClientSettings of(LambdaConfiguration configuration, String function, AwsEnvironment environment) {
        String region = configuration.getRegion();
        if (region == null || region.isBlank()) {
            region = Arn.parse(function).map(Arn::region).filter(r -> !r.isEmpty())
                    .orElseGet(() -> environment.region(DEFAULT_REGION));
        }
        String endpoint = configuration.getUriEndpointOverride();
        if (endpoint == null || endpoint.isBlank()) {
            endpoint = environment.endpoint("LAMBDA");
        }
        boolean keys = configuration.getAccessKey() != null && configuration.getSecretKey() != null;
        return new ClientSettings(region, endpoint, keys ? configuration.getAccessKey() : null,
                keys ? configuration.getSecretKey() : null);
    }

    @Override
    public String toString() {
        // keeps the secret out of logs and exception messages
        return "ClientSettings[region=" + region + ", endpointOverride=" + endpointOverride + ", credentials="
                + (accessKey == null ? "default chain" : "access key " + accessKey) + "]";
    }
}
