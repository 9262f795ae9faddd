package io.github.camelasl.aws.lambda;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Where Lambda is and who calls it. Anything left unset comes from the environment, the standard AWS way (see
 * {@link io.github.camelasl.aws.AwsEnvironment}).
 */
@UriParams
public class LambdaConfiguration implements Cloneable {

    @UriParam(description = "The AWS region of the Lambda service. Defaults to the region of the function ARN, then "
                            + "AWS_REGION (or the aws.region system property), then us-east-1.")
    private String region;
    @UriParam(label = "advanced", description = "The Lambda endpoint to call instead of AWS's (LocalStack, a local "
                                                + "stand-in). Defaults to AWS_ENDPOINT_URL_LAMBDA, then "
                                                + "AWS_ENDPOINT_URL.")
    private String uriEndpointOverride;
    @UriParam(label = "security", secret = true,
              description = "The access key; with secretKey, used instead of the default credential chain.")
    private String accessKey;
    @UriParam(label = "security", secret = true,
              description = "The secret key; with accessKey, used instead of the default credential chain.")
    private String secretKey;
    @UriParam(label = "advanced", description = "The Lambda client to call Lambda with. One in the registry is used "
                                                + "when it is the only one; otherwise a client is built from the "
                                                + "other options.")
    @Metadata(autowired = true)
    private LambdaClient lambdaClient;

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

    public LambdaClient getLambdaClient() {
        return lambdaClient;
    }

    public void setLambdaClient(LambdaClient lambdaClient) {
        this.lambdaClient = lambdaClient;
    }

    public LambdaConfiguration copy() {
        try {
            return (LambdaConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
