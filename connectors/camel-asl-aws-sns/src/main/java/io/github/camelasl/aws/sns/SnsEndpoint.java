package io.github.camelasl.aws.sns;

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
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Publishes the message a Task's effective input describes ({@code TopicArn}, {@code Message}, ...: Publish's
 * request) and replies with Publish's response as Step Functions returns it.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "asl-aws-sns", title = "ASL AWS SNS", syntax = "asl-aws-sns:operation",
             producerOnly = true, category = { Category.CLOUD, Category.MESSAGING, Category.MOBILE })
public class SnsEndpoint extends AwsClientEndpoint<SnsClient> {

    static final String PUBLISH = "publish";

    @UriPath(description = "The SNS operation.", enums = PUBLISH)
    @Metadata(required = true)
    private String operation;
    @UriParam
    private SnsConfiguration configuration;

    public SnsEndpoint(String uri, SnsComponent component, String operation, SnsConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new SnsProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("asl-aws-sns is a producer: Tasks publish with it");
    }

    @Override
    protected SnsClient configuredClient() {
        return configuration.getAmazonSNSClient();
    }

    @Override
    protected SnsClient createClient(AwsEnvironment environment) {
        return SnsClients.create(configuration, environment);
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }

    public SnsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(SnsConfiguration configuration) {
        this.configuration = configuration;
    }
}
