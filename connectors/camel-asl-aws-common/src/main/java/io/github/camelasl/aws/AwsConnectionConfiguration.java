package io.github.camelasl.aws;

import java.net.URI;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * The connection options every AWS connector has: where the calls go ({@code region}, {@code uriEndpointOverride})
 * and as whom ({@code accessKey}/{@code secretKey}). A connector's configuration extends it with its SDK client
 * (and options of its own); unset values come from the environment, the standard AWS way ({@link AwsEnvironment}).
 */
@UriParams
public abstract class AwsConnectionConfiguration implements Cloneable {

    @UriParam(description = "The AWS region. Default: AWS_REGION (or AWS_DEFAULT_REGION), then the SDK's region "
                            + "chain (the Lambda connector: the region of the function ARN first, us-east-1 last).")
    private String region;
    @UriParam(description = "The service endpoint to call instead of AWS's (LocalStack, ElasticMQ, S3Mock, a "
                            + "stand-in). Default: the service's AWS_ENDPOINT_URL_SQS, AWS_ENDPOINT_URL_SNS, "
                            + "AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL_LAMBDA, then AWS_ENDPOINT_URL.")
    private String uriEndpointOverride;
    @UriParam(label = "security", secret = true,
              description = "Access key id; with secretKey, used instead of the default credential chain.")
    private String accessKey;
    @UriParam(label = "security", secret = true, description = "Secret access key, with accessKey.")
    private String secretKey;

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getUriEndpointOverride() {
        return uriEndpointOverride;
    }

    public void setUriEndpointOverride(String uriEndpointOverride) {
        this.uriEndpointOverride = uriEndpointOverride;
    }

    public String getAccessKey() {
        return accessKey;
    }

    public void setAccessKey(String accessKey) {
        this.accessKey = accessKey;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    /** The region set here, else the environment's (null when it has none either). */
    public String region(AwsEnvironment environment) {
        return region != null ? region : environment.region(null);
    }

    /** The endpoint set here, else the environment's for {@code service} ("SQS"); null for AWS's own. */
    public String endpoint(AwsEnvironment environment, String service) {
        return uriEndpointOverride != null ? uriEndpointOverride : environment.endpoint(service);
    }

    /** True when both keys are set: they are used instead of the default credential chain. */
    public boolean hasKeys() {
        return accessKey != null && secretKey != null;
    }

    /**
     * Points an SDK client builder where these options say, the environment filling what they leave unset: the
     * region, the endpoint override ({@code AWS_ENDPOINT_URL_<endpointService>}, {@code AWS_ENDPOINT_URL}), and the
     * keys or else the default credential chain (environment variables, system properties, profiles, container and
     * instance roles).
     */
    public void connect(AwsClientBuilder<?, ?> builder, AwsEnvironment environment, String endpointService) {
        String resolvedRegion = region(environment);
        if (resolvedRegion != null) {
            builder.region(Region.of(resolvedRegion));
        }
        String endpoint = endpoint(environment, endpointService);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        builder.credentialsProvider(hasKeys()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey))
                : DefaultCredentialsProvider.builder().build());
    }

    /** A copy, for an endpoint to start from the component's options; subclasses narrow the type. */
    public AwsConnectionConfiguration copy() {
        try {
            return (AwsConnectionConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
