package io.github.camelasl.aws.sqs;

import io.github.camelasl.aws.AwsConnectionConfiguration;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Where the SQS calls go and as whom. Unset values come from the environment, the standard AWS way
 * ({@link io.github.camelasl.aws.AwsEnvironment}); an {@link SqsClient} in the registry replaces them all.
 */
@UriParams
public class SqsConfiguration extends AwsConnectionConfiguration {

    @UriParam(label = "advanced", description = "The SDK client to use; it carries its own region, endpoint and "
                                                + "credentials.")
    @Metadata(autowired = true)
    private SqsClient amazonSQSClient;

    public SqsClient getAmazonSQSClient() {
        return amazonSQSClient;
    }

    public void setAmazonSQSClient(SqsClient amazonSQSClient) {
        this.amazonSQSClient = amazonSQSClient;
    }

    @Override
    public SqsConfiguration copy() {
        return (SqsConfiguration) super.copy();
    }
}
