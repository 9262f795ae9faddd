package io.github.camelasl.aws.sdk;

import io.github.camelasl.aws.AwsEnvironment;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;

/**
 * The SDK clients of one component: for each service, the client of that type bound in the registry when there is
 * one (used as is, never closed here), else one built on first use per service, region, endpoint and keys, and
 * closed with the component. Building lazily keeps deployment free of credentials and network: a mocked Task never
 * builds one.
 */
final class SdkClients implements AutoCloseable {

    private record Key(Class<?> client, String region, String endpoint, String accessKey) {
    }

    private final Map<Key, SdkClient> built = new ConcurrentHashMap<>();
    private final List<SdkClient> owned = new CopyOnWriteArrayList<>();

    SdkClient client(CamelContext camelContext, SdkServices.Service service, AwsSdkConfiguration options) {
        SdkClient bound = camelContext.getRegistry().findSingleByType(service.client());
        if (bound != null) {
            return bound;
        }
        AwsEnvironment environment = AwsEnvironment.system();
        String region = options.region(environment);
        // only the option: the SDK reads AWS_ENDPOINT_URL_<SERVICE> and AWS_ENDPOINT_URL itself, by AWS's names
        String endpoint = options.getUriEndpointOverride();
        Key key = new Key(service.client(), region, endpoint, options.hasKeys() ? options.getAccessKey() : null);
        return built.computeIfAbsent(key, k -> {
            SdkClient client = build(service, region, endpoint, options);
            owned.add(client);
            return client;
        });
    }

    private static SdkClient build(SdkServices.Service service, String region, String endpoint,
            AwsSdkConfiguration options) {
        AwsClientBuilder<?, ?> builder;
        try {
            builder = (AwsClientBuilder<?, ?>) service.client().getMethod("builder").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a " + service.client().getSimpleName(), e);
        }
        if (region != null) {
            builder.region(Region.of(region));
        }
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        builder.credentialsProvider(options.hasKeys()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(options.getAccessKey(),
                        options.getSecretKey()))
                : DefaultCredentialsProvider.builder().build());
        return (SdkClient) builder.build();
    }

    /** How many clients this has built (and owns). */
    int built() {
        return owned.size();
    }

    @Override
    public void close() {
        owned.forEach(SdkClient::close);
        owned.clear();
        built.clear();
    }
}
