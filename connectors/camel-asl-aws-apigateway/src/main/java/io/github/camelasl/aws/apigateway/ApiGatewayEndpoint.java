package io.github.camelasl.aws.apigateway;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Calls the API Gateway API a Task's effective input describes ({@code ApiEndpoint}, {@code Method}, {@code Stage},
 * {@code Path}, ...) and replies with {@code {Headers, ResponseBody, StatusCode, StatusText}}.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "asl-aws-apigateway", title = "ASL AWS API Gateway",
             syntax = "asl-aws-apigateway:operation", producerOnly = true,
             category = { Category.CLOUD, Category.HTTP })
public class ApiGatewayEndpoint extends DefaultEndpoint {

    static final String INVOKE = "invoke";

    @UriPath(description = "The operation.", enums = INVOKE)
    @Metadata(required = true)
    private String operation;
    @UriParam
    private ApiGatewayConfiguration configuration;

    public ApiGatewayEndpoint(String uri, ApiGatewayComponent component, String operation,
                              ApiGatewayConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    @Override
    public ApiGatewayComponent getComponent() {
        return (ApiGatewayComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new ApiGatewayProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("asl-aws-apigateway is a producer: Tasks call with it");
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }

    public ApiGatewayConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ApiGatewayConfiguration configuration) {
        this.configuration = configuration;
    }
}
