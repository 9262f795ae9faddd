package io.github.camelasl.aws.bedrock;

import io.github.camelasl.aws.AwsConnectionConfiguration;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * Where the Bedrock calls go and as whom. Unset values come from the environment, the standard AWS way
 * ({@link io.github.camelasl.aws.AwsEnvironment}: {@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME}, ...); an
 * {@link BedrockRuntimeClient} in the registry replaces them all.
 */
@UriParams
public class BedrockConfiguration extends AwsConnectionConfiguration {

    @UriParam(label = "advanced", description = "The SDK client to use; it carries its own region, endpoint and "
                                                + "credentials.")
    @Metadata(autowired = true)
    private BedrockRuntimeClient bedrockRuntimeClient;

    public BedrockRuntimeClient getBedrockRuntimeClient() {
        return bedrockRuntimeClient;
    }

    public void setBedrockRuntimeClient(BedrockRuntimeClient bedrockRuntimeClient) {
        this.bedrockRuntimeClient = bedrockRuntimeClient;
    }

    @Override
    public BedrockConfiguration copy() {
        return (BedrockConfiguration) super.copy();
    }
}
