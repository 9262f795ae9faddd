package io.github.camelasl.aws.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.camelasl.aws.AwsEnvironment;
import io.github.camelasl.resource.ResourceResolvers;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** How Tasks find the connector and where its client points, without any SQS. */
class SqsWiringTest {

    @Test
    void theServiceIntegrationArnResolvesToTheConnector() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            // found through ServiceLoader, as any application with the module on its classpath finds it
            ResourceResolvers resolvers = new ResourceResolvers(camel, List.of());
            assertEquals(Optional.of("asl-aws-sqs:sendMessage"), resolvers.resolve("arn:aws:states:::sqs:sendMessage"));
            assertEquals(Optional.of("asl-aws-sqs:sendMessage"),
                    resolvers.resolve("arn:aws-us-gov:states:::sqs:sendMessage"));
            // the callback variant sends the same way; the engine waits for the token
            assertEquals(Optional.of("asl-aws-sqs:sendMessage"),
                    new SqsResourceResolver().resolve("arn:aws:states:::sqs:sendMessage.waitForTaskToken", camel));
            assertEquals(Optional.empty(), new SqsResourceResolver().resolve("arn:aws:states:::sns:publish", camel));
        }
    }

    @Test
    void unsetOptionsComeFromTheEnvironment() {
        AwsEnvironment env = new AwsEnvironment(Map.of("AWS_REGION", "eu-west-3",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:1", "AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:2")::get);
        try (SqsClient client = SqsClients.create(new SqsConfiguration(), env)) {
            assertEquals(Region.EU_WEST_3, client.serviceClientConfiguration().region());
            assertEquals(Optional.of(URI.create("http://127.0.0.1:2")), client.serviceClientConfiguration().endpointOverride());
        }
    }

    @Test
    void optionsWinOverTheEnvironment() {
        SqsConfiguration options = new SqsConfiguration();
        options.setRegion("ap-south-1");
        options.setUriEndpointOverride("http://127.0.0.1:3");
        AwsEnvironment env = new AwsEnvironment(Map.of("AWS_REGION", "eu-west-3",
                "AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:2")::get);
        try (SqsClient client = SqsClients.create(options, env)) {
            assertEquals(Region.AP_SOUTH_1, client.serviceClientConfiguration().region());
            assertEquals(Optional.of(URI.create("http://127.0.0.1:3")), client.serviceClientConfiguration().endpointOverride());
        }
    }
}
