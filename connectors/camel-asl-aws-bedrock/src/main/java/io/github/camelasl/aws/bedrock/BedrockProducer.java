package io.github.camelasl.aws.bedrock;

import io.github.camelasl.aws.V1ErrorNames;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.route.TaskMessages;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;

/**
 * Invokes the model the body describes, through the SDK client. A failed call is named as Step Functions names its
 * optimized integrations' errors: {@code Bedrock.} and the AWS SDK for Java v1 exception name
 * ({@code Bedrock.ValidationException}, {@code Bedrock.ResourceNotFoundException}, ...,
 * {@code Bedrock.AmazonBedrockRuntimeException} for the others), with v1's cause text.
 */
public class BedrockProducer extends DefaultProducer {

    private static final V1ErrorNames ERRORS = new V1ErrorNames("Bedrock", "AmazonBedrockRuntime",
            BedrockRuntimeException.class);

    public BedrockProducer(BedrockEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public BedrockEndpoint getEndpoint() {
        return (BedrockEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        var input = TaskMessages.toJson(exchange.getMessage().getBody());
        try {
            exchange.getMessage().setBody(Json.write(InvokeModel.call(getEndpoint().client(), input)));
        } catch (SdkException e) {
            throw ERRORS.from(e);
        }
    }
}
