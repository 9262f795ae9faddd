package io.github.camelasl.aws.s3;

import io.github.camelasl.dataflow.Json;
import io.github.camelasl.route.TaskMessages;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Calls the endpoint's S3 action with the request the body describes. It calls the client itself rather than
 * through camel-aws2-s3's producer, whose header mapping knows neither the SDK integration's parameter names nor
 * its result shapes.
 */
public class S3Producer extends DefaultProducer {

    public S3Producer(S3Endpoint endpoint) {
        super(endpoint);
    }

    @Override
    public S3Endpoint getEndpoint() {
        return (S3Endpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        var input = TaskMessages.toJson(exchange.getMessage().getBody());
        try {
            exchange.getMessage().setBody(Json.write(S3Actions.call(getEndpoint().client(),
                    getEndpoint().getOperation(), input)));
        } catch (SdkException e) {
            throw S3Errors.from(e);
        }
    }
}
