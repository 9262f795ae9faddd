package io.github.camelasl.aws.bedrock;

import io.github.camelasl.aws.AwsClientEndpoint;
import io.github.camelasl.aws.AwsEnvironment;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * Calls InvokeModel on Bedrock Runtime with the request a Task's effective input describes ({@code ModelId},
 * {@code Body}, {@code ContentType}, {@code Accept}, ...), as Step Functions' optimized integration does, and
 * replies with the model's answer: {@code Body} (parsed when it is JSON) and {@code ContentType}.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "asl-aws-bedrock", title = "ASL AWS Bedrock",
             syntax = "asl-aws-bedrock:operation", producerOnly = true,
             category = { Category.CLOUD, Category.AI })
public class BedrockEndpoint extends AwsClientEndpoint<BedrockRuntimeClient> {

    static final String INVOKE_MODEL = "invokeModel";

    @UriPath(description = "The Bedrock action, as the ARN names it.", enums = INVOKE_MODEL)
    @Metadata(required = true)
    private String operation;
    @UriParam
    private BedrockConfiguration configuration;

    public BedrockEndpoint(String uri, BedrockComponent component, String operation,
                               BedrockConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new BedrockProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("asl-aws-bedrock is a producer: Tasks invoke models with it");
    }

    @Override
    protected BedrockRuntimeClient configuredClient() {
        return configuration.getBedrockRuntimeClient();
    }

    @Override
    protected BedrockRuntimeClient createClient(AwsEnvironment environment) {
        return BedrockClients.create(configuration, environment);
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }

    public BedrockConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(BedrockConfiguration configuration) {
        this.configuration = configuration;
    }
}
