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
 * call: one of {@code allowedEndpoints}, or an ApiEndpoint written in a deployed definition (recorded when it is
 * deployed) with the AuthType written next to it: a request the application's credentials sign (IAM_ROLE,
 * RESOURCE_POLICY) goes to a written host only when that host was written with a signing AuthType, so data naming
 * another definition's host does not get a signed request sent there. A computed ApiEndpoint with no
 * {@code allowedEndpoints} configured is refused when the definition is deployed.
 */
@Component("asl-aws-apigateway")
public class ApiGatewayComponent extends DefaultComponent implements AwsConnectorComponent {

    @Metadata(description = "The configuration every endpoint starts from.")
    private ApiGatewayConfiguration configuration = new ApiGatewayConfiguration();

    /** A host written in a deployed definition, with whether the AuthType written next to it signs. */
    private record WrittenHost(String host, boolean signed) {
    }

    private final Set<WrittenHost> writtenHosts = ConcurrentHashMap.newKeySet();
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

    /** Records a host written in a deployed definition with the AuthType written next to it (NO_AUTH if absent). */
    void allowWrittenEndpoint(String host, String authType) {
        writtenHosts.add(new WrittenHost(host, signs(authType)));
    }

    /** Whether a Task may call {@code host} with {@code authType}. */
    boolean allows(String host, String authType, ApiGatewayConfiguration options) {
        return (options.isTrustDefinitionEndpoints() && writtenHosts.contains(new WrittenHost(host, signs(authType))))
                || options.allows(host);
    }

    private static boolean signs(String authType) {
        return authType != null && !"NO_AUTH".equals(authType);
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
