package io.github.camelasl.aws.sqs;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Where the SQS calls go and as whom. Unset values come from the environment, the standard AWS way
 * ({@link io.github.camelasl.aws.AwsEnvironment}); an {@link SqsClient} in the registry replaces them all.
 */
@UriParams
public class SqsConfiguration implements Cloneable {

    @UriParam(description = "The AWS region. Default: AWS_REGION (or AWS_DEFAULT_REGION), then the SDK's region chain.")
    private String region;
    @UriParam(description = "The SQS endpoint to call instead of AWS's (ElasticMQ, LocalStack). Default: "
                            + "AWS_ENDPOINT_URL_SQS, then AWS_ENDPOINT_URL.")
    private String uriEndpointOverride;
    @UriParam(label = "security", secret = true,
              description = "Access key id; with secretKey, used instead of the default credential chain.")
    private String accessKey;
    @UriParam(label = "security", secret = true, description = "Secret access key, with accessKey.")
    private String secretKey;
    @UriParam(label = "advanced", description = "The SDK client to use; it carries its own region, endpoint and "
                                                + "credentials.")
    @Metadata(autowired = true)
    private SqsClient amazonSQSClient;

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

    public SqsClient getAmazonSQSClient() {
        return amazonSQSClient;
    }

    public void setAmazonSQSClient(SqsClient amazonSQSClient) {
        this.amazonSQSClient = amazonSQSClient;
    }

    public SqsConfiguration copy() {
        try {
            return (SqsConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
