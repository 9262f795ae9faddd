package io.github.camelasl.aws.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Invokes the function through the camel-aws2-lambda endpoint and shapes request and result as Step Functions does.
 * The call blocks on Lambda for as long as the function runs, so it runs on the component's invocation threads:
 * the state machine's thread goes on (a TimeoutSeconds timer can answer first).
 */
final class LambdaProducer extends DefaultAsyncProducer {

    private final LambdaEndpoint endpoint;
    private Producer aws2Lambda;

    LambdaProducer(LambdaEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            endpoint.invocations().execute(() -> {
                try {
                    exchange.getMessage().setBody(invoke(exchange.getMessage().getBody(String.class)));
                } catch (Throwable failure) {
                    exchange.setException(LambdaErrors.toAsl(failure));
                } finally {
                    callback.done(false);
                }
            });
            return false;
        } catch (RejectedExecutionException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }

    private JsonNode invoke(String effectiveInput) throws Exception {
        boolean viaArn = endpoint.getIntegration() == LambdaIntegration.function;
        InvokeRequest request = viaArn ? LambdaRequests.forFunction(endpoint.getFunction(), effectiveInput)
                : LambdaRequests.forInvoke(parse(effectiveInput));
        Exchange call = new DefaultExchange(endpoint.getCamelContext());
        call.getMessage().setBody(request);
        aws2Lambda.process(call);
        InvokeResponse response = endpoint.client().take(request);
        if (call.getException() != null) {
            throw call.getException();
        }
        if (response == null) {
            throw new IllegalStateException("camel-aws2-lambda did not call Lambda for " + request.functionName());
        }
        // Lambda answers a function's own failure with 200 and X-Amz-Function-Error; camel-aws2-lambda does not fail
        if (response.functionError() != null) {
            throw LambdaResults.functionError(response, !viaArn);
        }
        return viaArn ? LambdaResults.functionResult(response, endpoint.getFunction())
                : LambdaResults.invokeResult(response);
    }

    private static JsonNode parse(String effectiveInput) {
        try {
            JsonNode parameters = Json.parse(effectiveInput == null ? "null" : effectiveInput);
            if (!parameters.isObject()) {
                throw AslError.runtime("The lambda:invoke integration needs an object of parameters (FunctionName, "
                        + "Payload, ...), got " + effectiveInput);
            }
            return parameters;
        } catch (JsonProcessingException e) {
            throw AslError.runtime("The lambda:invoke parameters are not JSON: " + effectiveInput);
        }
    }

    @Override
    protected void doStart() throws Exception {
        // the asl: component starts its routes' producers while the CamelContext is initializing, before it starts
        // their endpoints
        ServiceHelper.startService(endpoint);
        aws2Lambda = endpoint.aws2LambdaEndpoint().createProducer();
        ServiceHelper.startService(aws2Lambda);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(aws2Lambda);
    }
}
