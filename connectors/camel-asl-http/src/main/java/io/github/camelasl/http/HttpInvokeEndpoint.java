package io.github.camelasl.http;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Calls the HTTPS API a Task's effective input describes ({@code ApiEndpoint}, {@code Method}, ...: the HTTP Task's
 * fields) and replies with {@code {Headers, ResponseBody, StatusCode, StatusText}}.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "asl-http", title = "ASL HTTP Task", syntax = "asl-http:operation",
             producerOnly = true, category = { Category.HTTP })
public class HttpInvokeEndpoint extends DefaultEndpoint {

    static final String INVOKE = "invoke";

    @UriPath(description = "The operation.", enums = INVOKE)
    @Metadata(required = true)
    private String operation;

    public HttpInvokeEndpoint(String uri, HttpInvokeComponent component, String operation) {
        super(uri, component);
        this.operation = operation;
    }

    @Override
    public HttpInvokeComponent getComponent() {
        return (HttpInvokeComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new HttpInvokeProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("asl-http is a producer: HTTP Tasks call with it");
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }
}
