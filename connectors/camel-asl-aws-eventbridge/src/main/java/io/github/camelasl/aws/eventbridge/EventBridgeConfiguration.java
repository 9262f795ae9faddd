package io.github.camelasl.aws.eventbridge;

import io.github.camelasl.aws.AwsConnectionConfiguration;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Where the EventBridge calls go and as whom. Unset values come from the environment, the standard AWS way
 * ({@link io.github.camelasl.aws.AwsEnvironment}: {@code AWS_ENDPOINT_URL_EVENTBRIDGE}, ...); an
 * {@link EventBridgeClient} in the registry replaces them all.
 */
@UriParams
public class EventBridgeConfiguration extends AwsConnectionConfiguration {

    @UriParam(label = "advanced", description = "The SDK client to use; it carries its own region, endpoint and "
                                                + "credentials.")
    @Metadata(autowired = true)
    private EventBridgeClient eventbridgeClient;

    public EventBridgeClient getEventbridgeClient() {
        return eventbridgeClient;
    }

    public void setEventbridgeClient(EventBridgeClient eventbridgeClient) {
        this.eventbridgeClient = eventbridgeClient;
    }

    @Override
    public EventBridgeConfiguration copy() {
        return (EventBridgeConfiguration) super.copy();
    }
}
