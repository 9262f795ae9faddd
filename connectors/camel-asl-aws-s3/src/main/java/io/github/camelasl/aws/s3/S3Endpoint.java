package io.github.camelasl.aws.s3;

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
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Calls the S3 action the path names with the request a Task's effective input describes (the SDK integration's
 * PascalCase parameters: {@code Bucket}, {@code Key}, {@code Body}, ...) and replies with the action's response
 * as Step Functions returns it.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "asl-aws-s3", title = "ASL AWS S3", syntax = "asl-aws-s3:operation",
             producerOnly = true, category = { Category.CLOUD, Category.FILE })
public class S3Endpoint extends AwsClientEndpoint<S3Client> {

    @UriPath(description = "The S3 action, as the ARN names it.",
             enums = "getObject,putObject,listObjectsV2,listObjects,headObject,copyObject,deleteObject,listBuckets")
    @Metadata(required = true)
    private String operation;
    @UriParam
    private S3Configuration configuration;

    public S3Endpoint(String uri, S3Component component, String operation, S3Configuration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new S3Producer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("asl-aws-s3 is a producer: Tasks call S3 with it");
    }

    @Override
    protected S3Client configuredClient() {
        return configuration.getAmazonS3Client();
    }

    @Override
    protected S3Client createClient(AwsEnvironment environment) {
        return S3Clients.create(configuration, environment);
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }

    public S3Configuration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(S3Configuration configuration) {
        this.configuration = configuration;
    }
}
