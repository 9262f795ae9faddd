package io.github.camelasl.aws.sqs;

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
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends the message a Task's effective input describes ({@code QueueUrl}, {@code MessageBody}, ...: SendMessage's
 * request) and replies with SendMessage's response as Step Functions returns it.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "asl-aws-sqs", title = "ASL AWS SQS", syntax = "asl-aws-sqs:operation",
             producerOnly = true, category = { Category.CLOUD, Category.MESSAGING })
public class SqsEndpoint extends AwsClientEndpoint<SqsClient> {

    static final String SEND_MESSAGE = "sendMessage";

    @UriPath(description = "The SQS operation.", enums = SEND_MESSAGE)
    @Metadata(required = true)
    private String operation;
    @UriParam
    private SqsConfiguration configuration;

    public SqsEndpoint(String uri, SqsComponent component, String operation, SqsConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new SqsProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("asl-aws-sqs is a producer: Tasks send with it");
    }

    @Override
    protected SqsClient configuredClient() {
        return configuration.getAmazonSQSClient();
    }

    @Override
    protected SqsClient createClient(AwsEnvironment environment) {
        return SqsClients.create(configuration, environment);
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }

    public SqsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(SqsConfiguration configuration) {
        this.configuration = configuration;
    }
}
