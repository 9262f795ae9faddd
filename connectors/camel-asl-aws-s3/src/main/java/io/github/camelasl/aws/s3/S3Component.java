package io.github.camelasl.aws.s3;

import io.github.camelasl.aws.AwsConnectorComponent;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code asl-aws-s3:getObject} and the other S3 actions: what {@code arn:aws:states:::aws-sdk:s3:ACTION} runs. Its
 * options are the defaults of every endpoint.
 */
@Component("asl-aws-s3")
public class S3Component extends DefaultComponent implements AwsConnectorComponent {

    @Metadata(description = "The configuration every endpoint starts from.")
    private S3Configuration configuration = new S3Configuration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!S3Actions.supports(remaining) && !S3Actions.WRITE_OBJECT.equals(remaining)) {
            throw new IllegalArgumentException("asl-aws-s3 supports the actions " + String.join(", ", S3Actions.names())
                    + ", not '" + remaining + "'");
        }
        S3Endpoint endpoint = new S3Endpoint(uri, this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public S3Configuration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(S3Configuration configuration) {
        this.configuration = configuration;
    }
}
