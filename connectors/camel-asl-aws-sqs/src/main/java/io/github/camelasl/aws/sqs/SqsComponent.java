package io.github.camelasl.aws.sqs;

import io.github.camelasl.aws.AwsConnectorComponent;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code asl-aws-sqs:sendMessage}: what {@code arn:aws:states:::sqs:sendMessage} runs. Its options are the
 * defaults of every endpoint.
 */
@Component("asl-aws-sqs")
public class SqsComponent extends DefaultComponent implements AwsConnectorComponent {

    @Metadata(description = "The configuration every endpoint starts from.")
    private SqsConfiguration configuration = new SqsConfiguration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!SqsEndpoint.SEND_MESSAGE.equals(remaining)) {
            throw new IllegalArgumentException("asl-aws-sqs supports the operation '" + SqsEndpoint.SEND_MESSAGE
                    + "', not '" + remaining + "'");
        }
        SqsEndpoint endpoint = new SqsEndpoint(uri, this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public SqsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(SqsConfiguration configuration) {
        this.configuration = configuration;
    }
}
