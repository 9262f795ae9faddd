package io.github.camelasl.aws.sqs;

import io.github.camelasl.dataflow.Json;
import io.github.camelasl.route.TaskMessages;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * Calls SendMessage with the request the body describes. It calls the client itself rather than through
 * camel-aws2-sqs's producer, whose header mapping cannot carry a MessageDeduplicationId, typed attributes
 * ({@code Number.float}, string lists) or answer with the HTTP metadata AWS's result holds.
 */
public class SqsProducer extends DefaultProducer {

    public SqsProducer(SqsEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public SqsEndpoint getEndpoint() {
        return (SqsEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        SendMessageRequest request = SendMessageParameters.toRequest(TaskMessages.toJson(exchange.getMessage().getBody()));
        SendMessageResponse response;
        try {
            response = getEndpoint().client().sendMessage(request);
        } catch (SdkException e) {
            throw SqsErrors.from(e);
        }
        exchange.getMessage().setBody(Json.write(SendMessageOutput.toJson(response)));
    }
}
