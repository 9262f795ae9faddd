package io.github.camelasl.aws.lambda;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;

/** The Lambda clients the component built, one per distinct {@link ClientSettings}; closed with the component. */
final class LambdaClients implements AutoCloseable {

    /** A synchronous invocation may run for the 15 minutes a function may run, and then some. */
    private static final Duration INVOCATION_LIMIT = Duration.ofMinutes(16);

    private final Map<ClientSettings, LambdaClient> clients = new ConcurrentHashMap<>();
    private final int maxConnections;

    LambdaClients(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    LambdaClient client(ClientSettings settings) {
        return clients.computeIfAbsent(settings, this::build);
    }

    private LambdaClient build(ClientSettings settings) {
        LambdaClientBuilder builder = LambdaClient.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .socketTimeout(INVOCATION_LIMIT)
                        .maxConnections(maxConnections)
                        .connectionAcquisitionTimeout(INVOCATION_LIMIT))
                // throttling and service errors reach the state as Lambda.* errors, for its Retry rules to decide,
                // as on AWS (the SDK's own retries would hide them and multiply the attempts)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (settings.endpointOverride() != null) {
            builder.endpointOverride(URI.create(settings.endpointOverride()));
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(ClientSettings settings) {
        return settings.accessKey() != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()))
                : DefaultCredentialsProvider.builder().build();
    }

    @Override
    public void close() {
        clients.values().forEach(LambdaClient::close);
        clients.clear();
    }
}
