package io.github.camelasl.aws.bedrock;

import io.github.camelasl.aws.AwsConnectorComponent;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code asl-aws-bedrock:invokeModel}: what {@code arn:aws:states:::bedrock:invokeModel} runs. Its options are the
 * defaults of every endpoint.
 */
@Component("asl-aws-bedrock")
public class BedrockComponent extends DefaultComponent implements AwsConnectorComponent {

    @Metadata(description = "The configuration every endpoint starts from.")
    private BedrockConfiguration configuration = new BedrockConfiguration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!BedrockEndpoint.INVOKE_MODEL.equals(remaining)) {
            throw new IllegalArgumentException("asl-aws-bedrock supports the action "
                    + BedrockEndpoint.INVOKE_MODEL + ", not '" + remaining + "'");
        }
        BedrockEndpoint endpoint = new BedrockEndpoint(uri, this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public BedrockConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(BedrockConfiguration configuration) {
        this.configuration = configuration;
    }
}
