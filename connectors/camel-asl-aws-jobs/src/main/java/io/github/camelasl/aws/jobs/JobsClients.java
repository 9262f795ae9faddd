package io.github.camelasl.aws.jobs;

import io.github.camelasl.aws.AwsEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;

/**
 * The component's SDK clients: for each service, the client of its type bound in the registry when there is one
 * (used as is, never closed here), else one built on first use per service and options, closed with the component.
 * Building on first use keeps deployment free of credentials and network: a mocked Task never builds one.
 */
final class JobsClients implements AutoCloseable {

    private record Key(JobService service, String region, String endpoint, String accessKey) {
    }

    private final Map<Key, SdkClient> built = new ConcurrentHashMap<>();
    private final List<SdkClient> owned = new CopyOnWriteArrayList<>();

    SdkClient client(CamelContext camelContext, JobService service, JobsConfiguration options) {
        SdkClient bound = camelContext.getRegistry().findSingleByType(service.client());
        if (bound != null) {
            return bound;
        }
        AwsEnvironment environment = AwsEnvironment.system();
        Key key = new Key(service, options.region(environment), options.endpoint(environment,
                service.endpointName()), options.hasKeys() ? options.getAccessKey() : null);
        return built.computeIfAbsent(key, k -> {
            SdkClient client = build(k, options, environment);
            owned.add(client);
            return client;
        });
    }

    private static SdkClient build(Key key, JobsConfiguration options, AwsEnvironment environment) {
        AwsClientBuilder<?, ?> builder;
        try {
            builder = (AwsClientBuilder<?, ?>) key.service().client().getMethod("builder").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a " + key.service().client().getSimpleName(), e);
        }
        options.connect(builder, environment, key.service().endpointName()); // where the key says
        return (SdkClient) builder.build();
    }

    @Override
    public void close() {
        owned.forEach(SdkClient::close);
        owned.clear();
        built.clear();
    }
}
