package io.github.camelasl.aws.sdk;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import software.amazon.awssdk.core.SdkClient;

/**
 * Calls one action of one AWS service with the request a Task's effective input describes (the SDK integration's
 * PascalCase parameters) and replies with the response as Step Functions returns it. The service's SDK module must be
 * on the classpath (the application's, or the CamelContext's application class loader).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "asl-aws-sdk", title = "ASL AWS SDK",
             syntax = "asl-aws-sdk:service/action", producerOnly = true, category = { Category.CLOUD })
public class AwsSdkEndpoint extends DefaultEndpoint {

    @UriPath(description = "The service, as the aws-sdk ARN names it: the AWS SDK for Java v2 package "
                           + "(secretsmanager, sfn, dynamodb, ...).")
    @Metadata(required = true)
    private String service;
    @UriPath(description = "The action, as the ARN names it: the SDK client's method (listSecrets, getItem, ...).")
    @Metadata(required = true)
    private String action;
    @UriParam
    private AwsSdkConfiguration configuration;

    private volatile SdkOperation operation;

    public AwsSdkEndpoint(String uri, AwsSdkComponent component, String service, String action,
            AwsSdkConfiguration configuration) {
        super(uri, component);
        this.service = service;
        this.action = action;
        this.configuration = configuration;
    }

    @Override
    public AwsSdkComponent getComponent() {
        return (AwsSdkComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new AwsSdkProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("asl-aws-sdk is a producer: Tasks call AWS services with it");
    }

    /** The SDK operation, found once (in the CamelContext's application class loader first). */
    SdkOperation operation() {
        SdkOperation found = operation;
        if (found == null) {
            SdkServices.Service svc = SdkServices.find(service, AwsSdkResourceResolver.loader(getCamelContext()))
                    .orElseThrow(() -> new IllegalStateException("no AWS SDK module for '" + service
                            + "' on the classpath: add software.amazon.awssdk:" + service));
            found = SdkOperation.find(svc, action);
            operation = found;
        }
        return found;
    }

    /** The service's client, built on first use (not at deployment) or taken from the registry. */
    SdkClient client() {
        return getComponent().clients().client(getCamelContext(), operation().service(), configuration);
    }

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public AwsSdkConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(AwsSdkConfiguration configuration) {
        this.configuration = configuration;
    }
}
