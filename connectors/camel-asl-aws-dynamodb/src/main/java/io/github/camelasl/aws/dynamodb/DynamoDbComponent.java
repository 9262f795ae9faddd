package io.github.camelasl.aws.dynamodb;

import io.github.camelasl.aws.AwsConnectorComponent;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code asl-aws-dynamodb:getItem} and the other DynamoDB actions Step Functions optimizes: what
 * {@code arn:aws:states:::dynamodb:ACTION} runs. Its options are the defaults of every endpoint.
 */
@Component("asl-aws-dynamodb")
public class DynamoDbComponent extends DefaultComponent implements AwsConnectorComponent {

    @Metadata(description = "The configuration every endpoint starts from.")
    private DynamoDbConfiguration configuration = new DynamoDbConfiguration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!DynamoDbActions.supports(remaining)) {
            throw new IllegalArgumentException("asl-aws-dynamodb supports the actions "
                    + String.join(", ", DynamoDbActions.names()) + ", not '" + remaining + "'");
        }
        DynamoDbEndpoint endpoint = new DynamoDbEndpoint(uri, this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public DynamoDbConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(DynamoDbConfiguration configuration) {
        this.configuration = configuration;
    }
}
