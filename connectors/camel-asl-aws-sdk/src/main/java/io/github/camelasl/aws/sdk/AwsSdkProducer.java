package io.github.camelasl.aws.sdk;

import io.github.camelasl.dataflow.Json;
import io.github.camelasl.route.TaskMessages;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import software.amazon.awssdk.core.exception.SdkException;

/** Calls the endpoint's action with the request the body describes; failures carry Step Functions' error names. */
public class AwsSdkProducer extends DefaultProducer {

    public AwsSdkProducer(AwsSdkEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public AwsSdkEndpoint getEndpoint() {
        return (AwsSdkEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        var input = TaskMessages.toJson(exchange.getMessage().getBody());
        SdkOperation operation = getEndpoint().operation();
        try {
            exchange.getMessage().setBody(Json.write(operation.call(getEndpoint().client(), input)));
        } catch (SdkException e) {
            throw SdkErrors.from(e, clientPrefix(operation));
        }
    }

    /** DynamoDbClient gives DynamoDb: the v2 service name Step Functions' error names start with. */
    private static String clientPrefix(SdkOperation operation) {
        String name = operation.service().client().getSimpleName();
        return name.endsWith("Client") ? name.substring(0, name.length() - "Client".length()) : name;
    }
}
