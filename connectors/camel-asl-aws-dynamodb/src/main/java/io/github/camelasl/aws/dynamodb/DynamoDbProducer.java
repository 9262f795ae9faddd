package io.github.camelasl.aws.dynamodb;

import io.github.camelasl.dataflow.Json;
import io.github.camelasl.route.TaskMessages;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Calls the endpoint's DynamoDB action with the request the body describes, through the SDK client (camel-aws2-ddb's
 * producer takes its request from headers and answers in its own shape, not Step Functions').
 */
public class DynamoDbProducer extends DefaultProducer {

    public DynamoDbProducer(DynamoDbEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public DynamoDbEndpoint getEndpoint() {
        return (DynamoDbEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        var input = TaskMessages.toJson(exchange.getMessage().getBody());
        try {
            exchange.getMessage().setBody(Json.write(DynamoDbActions.call(getEndpoint().client(),
                    getEndpoint().getOperation(), input)));
        } catch (SdkException e) {
            throw DynamoDbErrors.from(e);
        }
    }
}
