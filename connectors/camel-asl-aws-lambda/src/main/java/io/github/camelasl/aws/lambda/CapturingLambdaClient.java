package io.github.camelasl.aws.lambda;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaServiceClientConfiguration;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * The client given to the camel-aws2-lambda endpoint. camel-aws2-lambda's invokeFunction keeps only the payload of
 * Invoke's response; the function error, executed version, status and HTTP metadata that Step Functions reports
 * are kept here, by request, for the producer to take.
 */
final class CapturingLambdaClient implements LambdaClient {

    private final LambdaClient delegate;
    private final Map<InvokeRequest, InvokeResponse> responses = Collections.synchronizedMap(new IdentityHashMap<>());

    CapturingLambdaClient(LambdaClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public InvokeResponse invoke(InvokeRequest request) {
        InvokeResponse response = delegate.invoke(request);
        responses.put(request, response);
        return response;
    }

    /** The response to {@code request}, once; null when the call did not answer. */
    InvokeResponse take(InvokeRequest request) {
        return responses.remove(request);
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public LambdaServiceClientConfiguration serviceClientConfiguration() {
        return delegate.serviceClientConfiguration();
    }

    @Override
    public void close() {
        // the client belongs to whoever built it (the component, or the application that registered it)
    }
}
