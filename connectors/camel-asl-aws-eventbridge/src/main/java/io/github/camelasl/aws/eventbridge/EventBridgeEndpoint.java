package io.github.camelasl.aws.eventbridge;

import io.github.camelasl.aws.AwsClientEndpoint;
import io.github.camelasl.aws.AwsEnvironment;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Calls PutEvents with the {@code Entries} a Task's effective input gives, as Step Functions' optimized integration
 * does, and replies with its response.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "asl-aws-eventbridge", title = "ASL AWS EventBridge",
             syntax = "asl-aws-eventbridge:operation", producerOnly = true,
             category = { Category.CLOUD, Category.MESSAGING })
public class EventBridgeEndpoint extends AwsClientEndpoint<EventBridgeClient> {

    static final String PUT_EVENTS = "putEvents";

    @UriPath(description = "The EventBridge action, as the ARN names it.", enums = PUT_EVENTS)
    @Metadata(required = true)
    private String operation;
    @UriParam
    private EventBridgeConfiguration configuration;

    public EventBridgeEndpoint(String uri, EventBridgeComponent component, String operation,
                               EventBridgeConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new EventBridgeProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("asl-aws-eventbridge is a producer: Tasks put events with it");
    }

    @Override
    protected EventBridgeClient configuredClient() {
        return configuration.getEventbridgeClient();
    }

    @Override
    protected EventBridgeClient createClient(AwsEnvironment environment) {
        return EventBridgeClients.create(configuration, environment);
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }

    public EventBridgeConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(EventBridgeConfiguration configuration) {
        this.configuration = configuration;
    }
}
