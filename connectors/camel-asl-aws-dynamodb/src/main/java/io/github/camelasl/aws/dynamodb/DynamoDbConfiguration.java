package io.github.camelasl.aws.dynamodb;

import io.github.camelasl.aws.AwsConnectionConfiguration;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Where the DynamoDB calls go and as whom. Unset values come from the environment, the standard AWS way
 * ({@link io.github.camelasl.aws.AwsEnvironment}: {@code AWS_ENDPOINT_URL_DYNAMODB}, ...); a
 * {@link DynamoDbClient} in the registry replaces them all.
 */
@UriParams
public class DynamoDbConfiguration extends AwsConnectionConfiguration {

    @UriParam(label = "advanced", description = "The SDK client to use; it carries its own region, endpoint and "
                                                + "credentials.")
    @Metadata(autowired = true)
    private DynamoDbClient amazonDDBClient;

    public DynamoDbClient getAmazonDDBClient() {
        return amazonDDBClient;
    }

    public void setAmazonDDBClient(DynamoDbClient amazonDDBClient) {
        this.amazonDDBClient = amazonDDBClient;
    }

    @Override
    public DynamoDbConfiguration copy() {
        return (DynamoDbConfiguration) super.copy();
    }
}
