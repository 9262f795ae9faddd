package io.github.camelasl.aws.eventbridge;

import io.github.camelasl.AslConstants;
import io.github.camelasl.aws.V1ErrorNames;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.route.TaskMessages;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;

/**
 * Puts the events the body describes, through the SDK client (camel-aws2-eventbridge's producer builds one entry
 * from headers and answers in its own shape). A failed call is named as Step Functions names it
 * ({@code EventBridge.InternalException}, {@code EventBridge.AmazonEventBridgeException}, ...).
 */
public class EventBridgeProducer extends DefaultProducer {

    private static final V1ErrorNames ERRORS = new V1ErrorNames("EventBridge", "AmazonEventBridge",
            EventBridgeException.class);

    public EventBridgeProducer(EventBridgeEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public EventBridgeEndpoint getEndpoint() {
        return (EventBridgeEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        var input = TaskMessages.toJson(exchange.getMessage().getBody());
        String executionArn = exchange.getMessage().getHeader(AslConstants.EXECUTION_ARN, String.class);
        try {
            exchange.getMessage().setBody(Json.write(PutEvents.call(getEndpoint().client(), input, executionArn)));
        } catch (SdkException e) {
            throw ERRORS.from(e);
        }
    }
}
