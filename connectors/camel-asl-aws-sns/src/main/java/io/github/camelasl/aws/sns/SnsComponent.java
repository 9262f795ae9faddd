package io.github.camelasl.aws.sns;

import io.github.camelasl.aws.AwsConnectorComponent;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code asl-aws-sns:publish}: what {@code arn:aws:states:::sns:publish} runs. Its options are the defaults of
 * every endpoint.
 */
@Component("asl-aws-sns")
public class SnsComponent extends DefaultComponent implements AwsConnectorComponent {

    @Metadata(description = "The configuration every endpoint starts from.")
    private SnsConfiguration configuration = new SnsConfiguration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!SnsEndpoint.PUBLISH.equals(remaining)) {
            throw new IllegalArgumentException("asl-aws-sns supports the operation '" + SnsEndpoint.PUBLISH
                    + "', not '" + remaining + "'");
        }
        SnsEndpoint endpoint = new SnsEndpoint(uri, this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public SnsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(SnsConfiguration configuration) {
        this.configuration = configuration;
    }
}
