package io.github.camelasl.aws.sns;

import io.github.camelasl.aws.AwsConnectionConfiguration;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Where the SNS calls go and as whom. Unset values come from the environment, the standard AWS way
 * ({@link io.github.camelasl.aws.AwsEnvironment}); an {@link SnsClient} in the registry replaces them all.
 */
@UriParams
public class SnsConfiguration extends AwsConnectionConfiguration {

    @UriParam(label = "advanced", description = "The SDK client to use; it carries its own region, endpoint and "
                                                + "credentials.")
    @Metadata(autowired = true)
    private SnsClient amazonSNSClient;

    public SnsClient getAmazonSNSClient() {
        return amazonSNSClient;
    }

    public void setAmazonSNSClient(SnsClient amazonSNSClient) {
        this.amazonSNSClient = amazonSNSClient;
    }

    @Override
    public SnsConfiguration copy() {
        return (SnsConfiguration) super.copy();
    }
}
