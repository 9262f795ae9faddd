package io.github.camelasl.aws.apigateway;

import io.github.camelasl.aws.AwsConnectorComponent;
import io.github.camelasl.aws.AwsEnvironment;
import io.github.camelasl.http.HttpTransport;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code asl-aws-apigateway:invoke}: what {@code arn:aws:states:::apigateway:invoke} runs. Which APIs a Task may
 * call: an ApiEndpoint written in a deployed definition (recorded when it is deployed), or one of
 * {@code allowedEndpoints} when the data computes it; a computed ApiEndpoint with none configured is refused when
 * the definition is deployed.
 */
@Component("asl-aws-apigateway")
public class ApiGatewayComponent extends DefaultComponent implements AwsConnectorComponent {

    @Metadata(description = "The configuration every endpoint starts from.")
    private ApiGatewayConfiguration configuration = new ApiGatewayConfiguration();

    private final Set<String> definitionEndpoints = ConcurrentHashMap.newKeySet();
    private volatile HttpTransport transport;
    private volatile RequestSigner signer;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!ApiGatewayEndpoint.INVOKE.equals(remaining)) {
            throw new IllegalArgumentException("asl-aws-apigateway supports the operation '"
                    + ApiGatewayEndpoint.INVOKE + "', not '" + remaining + "'");
        }
        ApiGatewayEndpoint endpoint = new ApiGatewayEndpoint(uri, this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    void allowDefinitionEndpoint(String host) {
        definitionEndpoints.add(host);
    }

    boolean allows(String host, ApiGatewayConfiguration options) {
        return (options.isTrustDefinitionEndpoints() && definitionEndpoints.contains(host)) || options.allows(host);
    }

    /** Built at the first call: a mocked Task needs no network client. */
    HttpTransport transport(ApiGatewayConfiguration options) {
        if (transport == null) {
            synchronized (this) {
                if (transport == null) {
                    transport = HttpTransport.of(getCamelContext(), Duration.ofSeconds(options.getTimeoutSeconds()),
                            options.getMaxResponseSize());
                }
            }
        }
        return transport;
    }

    /** Built at the first signed call: credentials are looked up only when a Task needs them. */
    RequestSigner signer(ApiGatewayConfiguration options) {
        if (signer == null) {
            synchronized (this) {
                if (signer == null) {
                    AwsCredentialsProvider credentials = options.hasKeys()
                            ? StaticCredentialsProvider.create(AwsBasicCredentials.create(options.getAccessKey(),
                                    options.getSecretKey()))
                            : DefaultCredentialsProvider.builder().build();
                    String region = options.region(AwsEnvironment.system());
                    signer = new RequestSigner(credentials, region == null ? "us-east-1" : region);
                }
            }
        }
        return signer;
    }

    public ApiGatewayConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ApiGatewayConfiguration configuration) {
        this.configuration = configuration;
    }
}
