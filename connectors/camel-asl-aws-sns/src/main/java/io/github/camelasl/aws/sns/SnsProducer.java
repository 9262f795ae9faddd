package io.github.camelasl.aws.sns;

import io.github.camelasl.dataflow.Json;
import io.github.camelasl.route.TaskMessages;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/**
 * Calls Publish with the request the body describes. It calls the client itself rather than through
 * camel-aws2-sns's producer, which publishes only to the topic in its URI, maps headers to String attributes only,
 * cannot carry a MessageDeduplicationId, and answers without the HTTP metadata AWS's result holds.
 */
public class SnsProducer extends DefaultProducer {

    public SnsProducer(SnsEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public SnsEndpoint getEndpoint() {
        return (SnsEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        PublishRequest request = PublishParameters.toRequest(TaskMessages.toJson(exchange.getMessage().getBody()));
        PublishResponse response;
        try {
            response = getEndpoint().client().publish(request);
        } catch (SdkException e) {
            throw SnsErrors.from(e);
        }
        exchange.getMessage().setBody(Json.write(PublishOutput.toJson(response)));
    }
}
