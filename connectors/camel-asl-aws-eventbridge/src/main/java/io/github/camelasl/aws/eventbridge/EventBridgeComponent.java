package io.github.camelasl.aws.eventbridge;

import io.github.camelasl.aws.AwsConnectorComponent;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code asl-aws-eventbridge:putEvents}: what {@code arn:aws:states:::events:putEvents} runs. Its options are the
 * defaults of every endpoint.
 */
@Component("asl-aws-eventbridge")
public class EventBridgeComponent extends DefaultComponent implements AwsConnectorComponent {

    @Metadata(description = "The configuration every endpoint starts from.")
    private EventBridgeConfiguration configuration = new EventBridgeConfiguration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!EventBridgeEndpoint.PUT_EVENTS.equals(remaining)) {
            throw new IllegalArgumentException("asl-aws-eventbridge supports the action "
                    + EventBridgeEndpoint.PUT_EVENTS + ", not '" + remaining + "'");
        }
        EventBridgeEndpoint endpoint = new EventBridgeEndpoint(uri, this, remaining, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    public EventBridgeConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(EventBridgeConfiguration configuration) {
        this.configuration = configuration;
    }
}
