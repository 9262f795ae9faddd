package io.github.camelasl.aws.dynamodb;

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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Calls the DynamoDB action the path names with the request a Task's effective input describes (DynamoDB's own
 * members: {@code TableName}, {@code Key}, {@code Item}, ...) and replies with the action's response as Step
 * Functions' optimized integration returns it.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "asl-aws-dynamodb", title = "ASL AWS DynamoDB",
             syntax = "asl-aws-dynamodb:operation", producerOnly = true,
             category = { Category.CLOUD, Category.DATABASE })
public class DynamoDbEndpoint extends AwsClientEndpoint<DynamoDbClient> {

    @UriPath(description = "The DynamoDB action, as the ARN names it.", enums = "getItem,putItem,updateItem,deleteItem")
    @Metadata(required = true)
    private String operation;
    @UriParam
    private DynamoDbConfiguration configuration;

    public DynamoDbEndpoint(String uri, DynamoDbComponent component, String operation,
                            DynamoDbConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new DynamoDbProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("asl-aws-dynamodb is a producer: Tasks call DynamoDB with it");
    }

    @Override
    protected DynamoDbClient configuredClient() {
        return configuration.getAmazonDDBClient();
    }

    @Override
    protected DynamoDbClient createClient(AwsEnvironment environment) {
        return DynamoDbClients.create(configuration, environment);
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }

    public DynamoDbConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(DynamoDbConfiguration configuration) {
        this.configuration = configuration;
    }
}
